"""Night duty's list: what has been recorded since the desk closed, and which managers were called."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select

from deskapp.domain.shifts import night_began
from deskapp.models import Case, Notification
from deskapp.reads.manager_calls import retracted_calls
from deskapp.reads.views import CaseView, build_views
from deskapp.store.context import Desk


@dataclass(frozen=True)
class Tonight:
    since: datetime  # when the desk closed
    reopens: datetime  # when the day staff take over
    cases: tuple[tuple[CaseView, int], ...]  # each case recorded tonight, and how many managers were called about it


def tonight(desk: Desk) -> Tonight:
    now = desk.now()
    since = night_began(desk.calendar, now)
    with desk.reading() as session:
        cases = list(session.exec(
            select(Case).where(Case.received_at >= since).order_by(col(Case.received_at).desc())).all())
        views = build_views(session, cases, desk.policy, desk.calendar, now)
        ids = [c.id for c in cases]
        # Managers, not calls: a manager called twice (`deskapp notify` again later) is one manager called.
        # A call retracted as ticked by mistake is no call.
        taken_back = retracted_calls(session, ids)
        calls = Counter(case_id for case_id, _staff in {(c, s) for number, c, s in session.exec(
            select(Notification.id, Notification.case_id, Notification.staff_id)
            .where(col(Notification.case_id).in_(ids))).all() if number not in taken_back}) if ids else Counter()
    return Tonight(since, desk.calendar.next_opening(now), tuple((v, calls[v.case.id]) for v in views))
