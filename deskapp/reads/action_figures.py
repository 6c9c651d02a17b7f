"""The internal coordination work order's actions, the follow-ups and the chases, as the desk reads them:
one case's list (the case detail, `show --json`), the open ones of the desk (the handover), and a
period's figures (the month report). Nothing here writes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from sqlmodel import Session, col, select

from deskapp.domain.clocks import Clock, set_clock
from deskapp.domain.enums import OPEN_STATUSES, ClockName, ClockState, Status
from deskapp.i18n import _
from deskapp.models import Case, CaseAction, HistoryEvent, Staff
from deskapp.reads.clock_rows import set_by_hand
from deskapp.store.context import Desk
from deskapp.words import deadline
from deskapp.words.display import weekday_time
from deskapp.words.labels import label
from deskapp.words.widths import clip


@dataclass(frozen=True)
class ActionLine:
    """One action (or follow-up) of a case, with its clock at the instant it was read."""

    case_id: int
    clock: Clock  # name: action or followup; its state, due, met_at
    number: int
    what: str
    owner: str
    result: str
    added_by: str
    done_by: str | None

    @property
    def done(self) -> bool:
        return self.clock.met_at is not None


def case_actions(desk: Desk, case_id: int) -> list[ActionLine]:
    """A case's actions, then its follow-ups, each in the order it was set."""
    with desk.reading() as session:
        return actions_in(session, desk, case_id, desk.now())


def actions_in(session: Session, desk: Desk, case_id: int, now: datetime) -> list[ActionLine]:
    rows = session.exec(select(CaseAction).where(CaseAction.case_id == case_id)
                        .order_by(col(CaseAction.clock), col(CaseAction.number))).all()
    return _lines(session, desk, list(rows), now)


def open_actions(session: Session, desk: Desk, now: datetime) -> list[ActionLine]:
    """Every action and follow-up not yet done on a case still open, the one due first on top: what the
    handover passes on."""
    rows = session.exec(select(CaseAction).join(Case, col(Case.id) == CaseAction.case_id)
                        .where(col(CaseAction.done_at).is_(None), col(Case.status).in_(OPEN_STATUSES))
                        .order_by(col(CaseAction.due_at), col(CaseAction.id))).all()
    return _lines(session, desk, list(rows), now)


def action_lines(lines: list[ActionLine], tz: tzinfo) -> list[str]:
    """The handover's lines: '#12 action 2 · Xu Ming · replace the riser valve · due Tue 17:00 (overdue)'."""
    return [_("#{case} {clock} {number} · {owner} · {what} · due {time} ({state})").format(
        case=x.case_id, clock=label(x.clock.name), number=x.number, owner=x.owner or "–", what=clip(x.what, 40),
        time=weekday_time(x.clock.due, tz), state=deadline.word(x.clock.state)) for x in lines]


def _lines(session: Session, desk: Desk, rows: list[CaseAction], now: datetime) -> list[ActionLine]:
    names = dict(session.exec(select(Staff.id, Staff.name)).all()) if rows else {}
    return [ActionLine(r.case_id, set_clock(set_by_hand(r), desk.policy, desk.calendar, now), r.number, r.what,
                       r.owner, r.result, names.get(r.added_by_id, "?"),
                       names.get(r.done_by_id) if r.done_by_id else None) for r in rows]


# ---- a period's figures -------------------------------------------------------------------------


@dataclass(frozen=True)
class OnTime:
    """Actions (or follow-ups) falling due in a period, by how their clocks ended."""

    on_time: int = 0
    late: int = 0  # done, after the due
    overdue: int = 0  # due in the period, still not done
    not_yet_due: int = 0  # due later in the period (the current month)

    @classmethod
    def of(cls, lines: list[ActionLine]) -> OnTime:
        states = Counter(line.clock.state for line in lines)
        judged = states[ClockState.met] + states[ClockState.missed] + states[ClockState.overdue]
        return cls(states[ClockState.met], states[ClockState.missed], states[ClockState.overdue], len(lines) - judged)

    @property
    def rate(self) -> float | None:
        counted = self.on_time + self.late + self.overdue
        return self.on_time / counted if counted else None


@dataclass
class CoordinationFigures:
    """The month report's actions (with their on-time figure), follow-ups and chases."""

    actions: list[ActionLine] = field(default_factory=list)  # falling due in the period
    followups: list[ActionLine] = field(default_factory=list)
    chases: int = 0  # chases recorded in the period
    chased_cases: int = 0
    chases_by_department: dict[str, int] = field(default_factory=dict)

    @property
    def actions_on_time(self) -> OnTime:
        return OnTime.of(self.actions)

    @property
    def followups_on_time(self) -> OnTime:
        return OnTime.of(self.followups)


def coordination_figures(session: Session, desk: Desk, start: datetime, end: datetime,
                         now: datetime) -> CoordinationFigures:
    """Actions and follow-ups that fall due in [start, end) (as the clocks' figures count them), and the
    chases recorded in it."""
    # A voided case's actions count for nothing, as its clocks do.
    rows = session.exec(select(CaseAction).join(Case, col(Case.id) == CaseAction.case_id)
                        .where(CaseAction.due_at >= start, CaseAction.due_at < end, Case.status != Status.void)
                        .order_by(col(CaseAction.due_at), col(CaseAction.id))).all()
    lines = _lines(session, desk, list(rows), now)
    figures = CoordinationFigures([x for x in lines if x.clock.name is ClockName.action],
                                  [x for x in lines if x.clock.name is ClockName.followup])
    chases = session.exec(select(HistoryEvent.case_id, HistoryEvent.details).where(
        HistoryEvent.action == "chase", HistoryEvent.at >= start, HistoryEvent.at < end)).all()
    by_department: Counter[str] = Counter(json.loads(details or "{}").get("department") or "" for _, details in chases)
    figures.chases, figures.chased_cases = len(chases), len({case_id for case_id, _ in chases})
    figures.chases_by_department = dict(sorted(by_department.items()))
    return figures


def figures_json(f: CoordinationFigures, tz: tzinfo) -> dict:
    """The report's JSON keys "actions" and "chases"."""
    def one(x: ActionLine) -> dict:
        return {"case": x.case_id, "number": x.number, "what": x.what, "owner": x.owner,
                "due": x.clock.due.astimezone(tz).isoformat(), "state": x.clock.state.value,
                "done_at": x.clock.met_at.astimezone(tz).isoformat() if x.clock.met_at else None, "result": x.result}

    def on_time(t: OnTime) -> dict:
        return {"on_time": t.on_time, "late": t.late, "overdue": t.overdue, "not_yet_due": t.not_yet_due, "rate": t.rate}

    return {
        "actions": {"on_time": on_time(f.actions_on_time), "list": [one(x) for x in f.actions]},
        "followups": {"on_time": on_time(f.followups_on_time), "list": [one(x) for x in f.followups]},
        "chases": {"count": f.chases, "cases": f.chased_cases, "by_department": f.chases_by_department},
    }
