"""What the manuals' paper records are filled from: one case with every step and who took it, or
the day's calls for the customer information record. Reads only; the forms are worded in
deskapp.output.forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, col, select

from deskapp.models import Callback, CallbackAttempt, Case, Forwarding, Note, Resolution
from deskapp.reads.action_figures import ActionLine, actions_in
from deskapp.reads.lookup import case_by_id
from deskapp.reads.views import CaseView, Names, build_views
from deskapp.store.context import Desk


@dataclass(frozen=True)
class Step:
    """One forwarding, resolution, note or callback attempt, with the names of who took it."""

    at: datetime
    by: str
    text: str


@dataclass(frozen=True)
class Handed:
    """A forwarding: to which department, and who there signed for it (acknowledged) and when."""

    at: datetime
    department: str
    by: str
    note: str
    acknowledged_at: datetime | None
    acknowledged_by: str | None


@dataclass(frozen=True)
class Attempt:
    at: datetime
    by: str
    result: str
    satisfaction: str | None
    signed: bool | None
    note: str


@dataclass(frozen=True)
class CaseRecord:
    view: CaseView
    forwardings: tuple[Handed, ...]
    resolutions: tuple[Step, ...]
    notes: tuple[tuple[str, Step], ...]  # (note kind, step)
    callbacks: tuple[tuple[Callback, tuple[Attempt, ...]], ...]
    actions: tuple[ActionLine, ...] = ()  # the coordination work order's actions, then the follow-ups


def case_record(desk: Desk, case_id: int) -> CaseRecord:
    """Everything the complaint record, the work order and the coordination order show of a case."""
    now = desk.now()
    with desk.reading() as session:
        case = case_by_id(session, case_id)
        view = build_views(session, [case], desk.policy, desk.calendar, now)[0]
        names = Names.load(session)
        return CaseRecord(
            view=view,
            forwardings=_forwardings(session, case_id, names),
            resolutions=tuple(Step(r.at, names.staff.get(r.by_id, "?"), r.outcome) for r in session.exec(
                select(Resolution).where(Resolution.case_id == case_id).order_by(col(Resolution.at)))),
            notes=tuple((n.kind.value, Step(n.at, names.staff.get(n.by_id, "?"), n.text)) for n in session.exec(
                select(Note).where(Note.case_id == case_id).order_by(col(Note.at)))),
            callbacks=_callbacks(session, case_id, names),
            actions=tuple(actions_in(session, desk, case_id, now)),
        )


def _forwardings(session: Session, case_id: int, names: Names) -> tuple[Handed, ...]:
    rows = session.exec(select(Forwarding).where(Forwarding.case_id == case_id).order_by(col(Forwarding.at)))
    return tuple(
        Handed(f.at, names.departments.get(f.department_id, "?"), names.staff.get(f.by_id, "?"), f.note,
               f.acknowledged_at, names.staff.get(f.acknowledged_by_id) if f.acknowledged_by_id else None)
        for f in rows
    )


def _callbacks(session: Session, case_id: int, names: Names) -> tuple[tuple[Callback, tuple[Attempt, ...]], ...]:
    callbacks = session.exec(select(Callback).where(Callback.case_id == case_id).order_by(col(Callback.id))).all()
    found = []
    for callback in callbacks:
        attempts = session.exec(select(CallbackAttempt).where(CallbackAttempt.callback_id == callback.id)
                                .order_by(col(CallbackAttempt.at))).all()
        found.append((callback, tuple(
            Attempt(a.at, names.staff.get(a.by_id, "?"), a.result.value,
                    a.satisfaction.value if a.satisfaction else None, a.signed, a.note)
            for a in attempts)))
    return tuple(found)


def day_cases(desk: Desk, day: date) -> list[CaseView]:
    """Every case received on this day of the desk's calendar, in the order they came in."""
    tz = desk.calendar.tz
    start = datetime.combine(day, time(), tz)
    end = start + timedelta(days=1)
    with desk.reading() as session:
        cases = list(session.exec(
            select(Case).where(col(Case.received_at) >= start, col(Case.received_at) < end)
            .order_by(col(Case.received_at), col(Case.id))))
        return build_views(session, cases, desk.policy, desk.calendar, desk.now())
