"""Replaying each case's history against its rows: what the records say must be what the history says.

The chain check proves that no event was changed; this proves that nothing was changed *beside*
the events: a field of the case written directly in the database, a forwarding or a note added or
removed without its event, a case deleted with all its rows, a role raised in the staff table.
Each finding names the case (or the person) and the field.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, func, select

from deskapp.config.datafiles import load_staff
from deskapp.desk.history import plain
from deskapp.domain.enums import Role, Status
from deskapp.i18n import N_, _
from deskapp.models import (
    Callback,
    CallbackAttempt,
    Case,
    CaseAction,
    Department,
    Forwarding,
    HistoryEvent,
    Note,
    Notification,
    Pause,
    Resolution,
    Staff,
    StaffEvent,
)
from deskapp.store.context import Desk
from deskapp.upkeep.incident_check import incident_problems
from deskapp.upkeep.skipped import Skipped, skipped_numbers
from deskapp.words.labels import field_label, label

_CASES_AT_ONCE = 1_000
# Columns the history does not carry: the row's own number and version, and the rows the history
# names instead (department, assignee and owner are compared by name).
# place_key is derived from building, floor and unit (which are compared), never an event's own.
_NOT_REPLAYED = {"id", "version", "department_id", "assignee_id", "received_by_id", "place_key"}
_NAMED = {"department": "department_id", "assignee": "assignee_id"}
# Each related table and the events that add its rows.
_ROWS = {
    "forwardings": ("forward",),
    "resolutions": ("resolve",),
    "pauses": ("pause",),
    "notifications": ("notify",),
    "callback attempts": ("callback",),
    "notes": ("note",),
    "case actions": ("action", "followup date"),  # a corrective note's follow-up date adds one too
}
# The tables as a finding names them.
_TABLE_WORDS = {"forwardings": N_("forwardings"), "resolutions": N_("resolutions"), "pauses": N_("pauses"),
                "notifications": N_("manager calls"), "callback attempts": N_("callback attempts"), "notes": N_("case notes"),
                "case actions": N_("coordination actions and follow-ups")}


_COLUMNS = [c for c in Case.__table__.columns]
_COMPARED = [c.name for c in _COLUMNS if c.name not in _NOT_REPLAYED]


def replay_check(desk: Desk) -> list[str]:
    problems: list[str] = []
    with desk.reading() as session:
        names = dict(session.exec(select(Staff.id, Staff.name)).all())
        departments = dict(session.exec(select(Department.id, Department.name)).all())
        after = 0
        while True:
            # Rows, not objects: a check of a million cases reads each once and keeps none.
            cases = session.execute(sa_select(*_COLUMNS).where(Case.__table__.c.id > after)
                                    .order_by(Case.__table__.c.id).limit(_CASES_AT_ONCE)).mappings().all()
            if not cases:
                break
            ids = [c["id"] for c in cases]
            events = _events(session, ids)
            rows = _row_counts(session, ids)
            for case in cases:
                problems += _replay(case, events.get(case["id"], []), rows, names, departments)
            after = ids[-1]
        problems += _missing_rows(session)
        problems += _roles(session)
        problems += incident_problems(session)  # each incident's one resolution (upkeep/incident_check.py)
    return problems


def replay_notes(desk: Desk) -> list[str]:
    """Gaps that are not faults: case numbers a restore skipped, whose cases are in the copy it kept aside."""
    if desk.engine.dialect.name != "sqlite":
        return []
    skipped = skipped_numbers(str(desk.engine.url))
    if not skipped:
        return []
    with desk.reading() as session:  # above the newest case too: the gap shows once the next case is recorded
        present = set(session.exec(select(Case.id).where(col(Case.id).between(min(skipped), max(skipped)))).all())
    notes = []
    for first, last, restore in _runs(sorted(n for n in skipped if n not in present), skipped):
        notes.append(_("cases {first} to {last} are not here: the restore of {stamp} moved numbering past them, "
                       "their records are in {aside}").format(first=first, last=last, stamp=restore.stamp,
                                                               aside=restore.aside))
    return notes


def _runs(numbers: list[int], skipped: dict[int, Skipped]) -> list[tuple[int, int, Skipped]]:
    """Consecutive numbers skipped by the same restore, as (first, last, restore)."""
    runs: list[tuple[int, int, Skipped]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1 and runs[-1][2] == skipped[n]:
            runs[-1] = (runs[-1][0], n, skipped[n])
        else:
            runs.append((n, n, skipped[n]))
    return runs


def _events(session: Session, ids: list[int]) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    query = (select(HistoryEvent.case_id, HistoryEvent.actor_id, HistoryEvent.action, HistoryEvent.changes,
                    HistoryEvent.details)
             .where(col(HistoryEvent.case_id).in_(ids)).order_by(col(HistoryEvent.case_id), col(HistoryEvent.seq)))
    for event in session.exec(query).all():
        found.setdefault(event[0], []).append(event)
    return found


def _row_counts(session: Session, ids: list[int]) -> dict[tuple[str, int], int]:
    counts: dict[tuple[str, int], int] = {}
    tables = {"forwardings": Forwarding, "resolutions": Resolution, "pauses": Pause, "notifications": Notification,
              "notes": Note, "case actions": CaseAction}
    for name, table in tables.items():
        for case_id, n in session.exec(select(table.case_id, func.count()).where(col(table.case_id).in_(ids))
                                       .group_by(table.case_id)).all():
            counts[name, case_id] = n
    attempts = (select(Callback.case_id, func.count()).join(CallbackAttempt, col(CallbackAttempt.callback_id) == Callback.id)
                .where(col(Callback.case_id).in_(ids)).group_by(Callback.case_id))
    for case_id, n in session.exec(attempts).all():
        counts["callback attempts", case_id] = n
    return counts


_START: dict[str, Any] = {}


def _start() -> dict[str, Any]:
    """A case as intake creates it, before its first event's fields are set."""
    if not _START:
        fields = Case.model_fields
        _START.update({name: plain(None if fields[name].is_required() else fields[name].default) for name in _COMPARED})
        _START.update(status=Status.received.value, department=None, assignee=None, owner=None)
    return dict(_START)


def _replay(case, events: list[tuple], rows, names: dict, departments: dict) -> list[str]:
    number = case["id"]
    if not events or events[0][4] is None:
        # The chain check reports a case without history. A case begun before schema 0007 kept its
        # events as sentences, not as every field changed: it cannot be replayed, only its chain checked.
        return []
    state = _start()
    state["owner"] = names.get(events[0][1])
    actions: Counter[str] = Counter()
    for _case, _actor, action, changes, details in events:
        actions[action] += 1
        if action == "reopen" and '"callback"' in (details or ""):
            actions["note"] += 1  # the corrective action for a customer not satisfied is a note too
        if action == "note" and '"followup"' in (details or ""):
            actions["followup date"] += 1
        try:
            changed = json.loads(changes or "{}")
        except ValueError:
            continue  # the chain check says the event was changed
        for name, pair in changed.items():
            if name in state and isinstance(pair, list) and len(pair) == 2:
                state[name] = pair[1]
    problems = []
    for name, told in state.items():
        actual = _actual(case, name, names, departments)
        if not _same(told, actual):
            problems.append(_field_problem(number, name, told, plain(actual)))
    for table, adding in _ROWS.items():
        kept, told = rows.get((table, number), 0), sum(actions[a] for a in adding)
        if kept != told:
            problems.append(_("case {number}: {table} holds {kept} rows but the history records {told}").format(
                number=number, table=_(_TABLE_WORDS[table]), kept=kept, told=told))
    return problems


def _actual(case, name: str, names: dict, departments: dict) -> Any:
    if name == "owner":
        return names.get(case["received_by_id"])
    if name in _NAMED:
        row = case[_NAMED[name]]
        return (departments if name == "department" else names).get(row) if row else None
    return case[name]


def _field_problem(number: int, name: str, told: Any, actual: Any) -> str:
    return _("case {number}: {field} is {actual} but its history says {told} (changed without an event)").format(
        number=number, field=field_label(_NAMED.get(name, name)), actual=_shown(actual), told=_shown(told))


def _same(told: Any, actual: Any) -> bool:
    if told in (None, "") and actual in (None, ""):
        return True  # intake records only the fields given
    if isinstance(actual, datetime):
        return told == plain(actual)
    return told == actual  # an enum is its stored string; bools and numbers are themselves


def _shown(value: Any) -> str:
    return repr(value) if value not in (None, "") else _("empty")


def _missing_rows(session: Session) -> list[str]:
    """A case or an event deleted outright leaves a gap in the numbers. Only on SQLite: PostgreSQL
    spends a number on every refused intake too, so there a gap is normal (the anchor covers it)."""
    if session.get_bind().dialect.name != "sqlite":
        return []
    skipped = skipped_numbers(str(session.get_bind().url))  # a restore's gaps are notes (replay_notes)
    cases = [n for n in _gaps(session, Case) if n not in skipped]
    return ([_("case {number} is missing: deleted with its history?").format(number=n) for n in cases]
            + [_("history event {number} is missing: deleted?").format(number=n) for n in _gaps(session, HistoryEvent)])


def _gaps(session: Session, table: type[Case] | type[HistoryEvent]) -> list[int]:
    """The numbers missing below the highest one, at most 20 from each gap."""
    gaps: list[int] = []
    expected = 1
    for number in session.exec(select(table.id).order_by(col(table.id))).all():
        gaps += range(expected, min(number, expected + 20))
        expected = number + 1
    return gaps


def _roles(session: Session) -> list[str]:
    """A role in the staff table must be the one its history last gave (`deskapp staff add|role`), or
    else the one the staff list gives (set by `deskapp init`): a role raised in the table directly is
    neither."""
    listed = {entry.name: entry.role for entry in load_staff().staff}
    recorded = _recorded_roles(session)
    problems = []
    for person in session.exec(select(Staff)).all():
        role = recorded.get(person.id, listed.get(person.name))
        if role is not None and role is not person.role:
            problems.append(_("staff {name}: role is {role} in the database but {listed} on the staff list, "
                              "and no history records the change").format(
                name=person.name, role=label(person.role), listed=label(role)))
    return problems


def _recorded_roles(session: Session) -> dict[int, Role]:
    """Each person's role as their staff history last set it (oldest event first, the last one wins)."""
    roles: dict[int, Role] = {}
    events = session.exec(select(StaffEvent.staff_id, StaffEvent.details)
                          .order_by(col(StaffEvent.at), col(StaffEvent.id))).all()
    for staff_id, details in events:
        change = json.loads(details or "{}").get("role")
        if isinstance(change, list) and len(change) == 2 and change[1] in Role.__members__:
            roles[staff_id] = Role(change[1])
    return roles
