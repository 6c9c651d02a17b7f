"""The operator's unsaved intake, kept in the database as they type so that no call is lost.

A draft is not a case and has no history: it is a scratch pad, replaced on every save and removed
when the case is recorded or the operator discards the form. The screen decides when to save
(debounced); each call here is one short transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from deskapp.models import Draft
from deskapp.reads.lookup import staff_named
from deskapp.store.context import Desk


@dataclass(frozen=True)
class SavedDraft:
    fields: dict[str, str]
    saved_at: datetime


def save_draft(desk: Desk, operator: str, fields: dict[str, str]) -> None:
    """Keep the form as typed; a form with nothing typed in it removes the draft instead."""
    typed = {k: v for k, v in fields.items() if v not in ("", None)}
    # Plain statements, not loaded rows: the screen may save and discard from two workers at once,
    # and the last one simply wins.
    try:
        with desk.transaction() as session:
            person = staff_named(session, operator)
            if not typed:
                session.exec(delete(Draft).where(Draft.operator_id == person.id))
                return
            values = {"saved_at": desk.now(), "fields": json.dumps(typed, ensure_ascii=False, sort_keys=True)}
            changed = session.exec(update(Draft).where(Draft.operator_id == person.id).values(**values))
            if changed.rowcount == 0:
                session.exec(insert(Draft).values(operator_id=person.id, **values))
    except IntegrityError:
        # Another worker inserted the operator's draft in between: write over it.
        with desk.transaction() as session:
            session.exec(update(Draft).where(Draft.operator_id == person.id).values(**values))


def load_draft(desk: Desk, operator: str) -> SavedDraft | None:
    """The operator's own draft, if they left one; nobody else's."""
    with desk.reading() as session:
        person = staff_named(session, operator)
        draft = session.exec(select(Draft).where(Draft.operator_id == person.id)).first()
        if draft is None:
            return None
        return SavedDraft(json.loads(draft.fields), draft.saved_at)


def discard_draft(desk: Desk, operator: str) -> None:
    save_draft(desk, operator, {})
