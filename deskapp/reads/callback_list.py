"""The callback list: every resolved case waiting to be called back, who must call, and how."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session, col, func, select

from deskapp.domain.clocks import Clock
from deskapp.domain.enums import (
    AttemptResult,
    CallbackMethod,
    ClockName,
    ClockState,
    Kind,
    Role,
    Severity,
    Status,
)
from deskapp.i18n import NP_, _, pgettext
from deskapp.models import Callback, CallbackAttempt, Case, Resolution, Staff
from deskapp.reads.calls import CallLine, known_caller, to_call_back
from deskapp.reads.views import CaseView, build_views
from deskapp.store.context import Desk
from deskapp.words.labels import label


class Due(StrEnum):
    """The list's groups, in the order the desk works through them."""

    overdue = "overdue"
    today = "due today"
    tomorrow = "due tomorrow"
    later = "later"


_DUE_NAMES = {
    Due.overdue: NP_("callback group", "overdue"),
    Due.today: NP_("callback group", "due today"),
    Due.tomorrow: NP_("callback group", "due tomorrow"),
    Due.later: NP_("callback group", "later"),
}


def due_label(group: Due) -> str:
    """The group as the list names it: 'due today' / '今天到期'."""
    return pgettext(*_DUE_NAMES[group])


@dataclass(frozen=True)
class Caller:
    role: Role
    name: str | None  # None when nobody holds that role for the case's department
    phone: str

    def __str__(self) -> str:
        if self.name:
            return _("{role}: {name}").format(role=label(self.role), name=self.name)
        return _("{role}: (nobody named)").format(role=label(self.role))


@dataclass(frozen=True)
class CallbackItem:
    callback: Callback
    view: CaseView
    clock: Clock | None  # the case's callback clock
    group: Due
    callers: tuple[Caller, ...]
    attempts: int
    last_result: AttemptResult | None
    resolved_by: str

    @property
    def case(self) -> Case:
        return self.view.case


def pending_callbacks(
    desk: Desk,
    *,
    caller: str | None = None,
    method: CallbackMethod | None = None,
    kind: Kind | None = None,
    severity: Severity | None = None,
    group: Due | None = None,
) -> list[CallbackItem]:
    """Callbacks still to make, most urgent first; `caller` keeps those a staff member must make."""
    now = desk.now()
    query = (
        select(Callback, Case)
        .join(Case, col(Case.id) == Callback.case_id)
        .where(col(Callback.done_at).is_(None), Case.status == Status.resolved)
    )
    if method is not None:
        query = query.where(Callback.method == method)
    if kind is not None:
        query = query.where(Case.kind == kind)
    if severity is not None:
        query = query.where(Case.severity == severity)
    with desk.reading() as session:
        pairs = list(session.exec(query).all())
        views = build_views(session, [case for _, case in pairs], desk.policy, desk.calendar, now)
        ids = [cb.id for cb, _ in pairs]
        attempts = _attempts(session, ids)
        resolvers = _resolvers(session, [case.id for _, case in pairs])
        staff = list(session.exec(select(Staff).where(Staff.active)).all())
    items = []
    for (callback, case), view in zip(pairs, views):
        clock = next((c for c in view.clocks if c.name is ClockName.callback), None)
        count, last = attempts.get(callback.id, (0, None))
        item = CallbackItem(
            callback=callback,
            view=view,
            clock=clock,
            group=_group(clock, callback.due_at, now, desk),
            callers=_callers(callback, case, staff),
            attempts=count,
            last_result=last,
            resolved_by=resolvers.get(case.id, "?"),
        )
        if caller is not None and not any(c.name and c.name.lower() == caller.lower() for c in item.callers):
            continue
        if group is not None and item.group is not group:
            continue
        items.append(item)
    order = list(Due)
    items.sort(key=lambda i: (order.index(i.group), i.clock.due if i.clock else i.callback.due_at))
    return items


@dataclass(frozen=True)
class MissedCall:
    """A caller who rang and got nobody: on the list beside the cases until the desk reaches them."""

    call: CallLine
    group: Due
    known_as: str  # who last called from the number, as the desk recorded them ('' when unknown)
    left: timedelta  # working time to its due; negative once late


def missed_calls(desk: Desk) -> list[MissedCall]:
    """The missed calls still to call back, most urgent first, grouped as the cases are."""
    now = desk.now()
    found = []
    for line in to_call_back(desk):
        due = line.callback_due_at
        left = desk.calendar.working_between(now, due)
        if due < now:  # late at any hour; at least a moment, so it never reads "0 min left"
            left = min(left, -timedelta(microseconds=1))
        found.append(MissedCall(line, _group(None, due, now, desk), known_caller(desk, line.number), left))
    return found


def _group(clock: Clock | None, due_at: datetime, now: datetime, desk: Desk) -> Due:
    due = clock.due if clock else due_at
    if (clock and clock.state is ClockState.overdue) or due < now:
        return Due.overdue
    tz = desk.calendar.tz
    days = (due.astimezone(tz).date() - now.astimezone(tz).date()).days
    if days <= 0:
        return Due.today
    return Due.tomorrow if days == 1 else Due.later


def _callers(callback: Callback, case: Case, staff: list[Staff]) -> tuple[Caller, ...]:
    """Who must call: the manager of the case's department; for a major complaint also the project manager."""
    found = []
    for text in filter(None, callback.callers.split(",")):
        role = Role(text)
        same_department = [s for s in staff if s.role is role and s.department_id == case.department_id]
        anyone = [s for s in staff if s.role is role]
        person = (same_department or (anyone if role is Role.project_manager else []) or [None])[0]
        found.append(Caller(role, person.name if person else None, person.phone if person else ""))
    return tuple(found)


def _attempts(session: Session, callback_ids: list[int]) -> dict[int, tuple[int, AttemptResult | None]]:
    counts: Counter = Counter()
    last: dict[int, AttemptResult] = {}
    for start in range(0, len(callback_ids), 900):
        chunk = callback_ids[start : start + 900]
        rows = session.exec(
            select(CallbackAttempt.callback_id, CallbackAttempt.result)
            .where(col(CallbackAttempt.callback_id).in_(chunk))
            .order_by(col(CallbackAttempt.id))
        )
        for callback_id, result in rows:
            counts[callback_id] += 1
            last[callback_id] = result
    return {cid: (counts[cid], last.get(cid)) for cid in counts}


def _resolvers(session: Session, case_ids: list[int]) -> dict[int, str]:
    names = dict(session.exec(select(Staff.id, Staff.name)).all())
    found: dict[int, str] = {}
    for start in range(0, len(case_ids), 900):
        chunk = case_ids[start : start + 900]
        latest = (
            select(Resolution.case_id, func.max(Resolution.id).label("last"))
            .where(col(Resolution.case_id).in_(chunk))
            .group_by(Resolution.case_id)
            .subquery()
        )
        for case_id, by_id in session.exec(
            select(Resolution.case_id, Resolution.by_id).join(latest, col(Resolution.id) == latest.c.last)
        ):
            found[case_id] = names.get(by_id, "?")
    return found

