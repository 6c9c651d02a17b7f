"""What the screens and the CLI are given: a case with its names resolved and its clocks computed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import CaseFacts, Clock, compute_clocks, next_clock
from deskapp.domain.enums import Status
from deskapp.domain.policy import Policy
from deskapp.models import Case, Department, Pause, Staff


@dataclass(frozen=True)
class CaseView:
    case: Case
    owner: str
    department: str | None
    assignee: str | None
    clocks: tuple[Clock, ...]

    @property
    def next_clock(self) -> Clock | None:
        return next_clock(list(self.clocks))


def facts_of(case: Case, pauses: list[Pause]) -> CaseFacts:
    return CaseFacts(
        kind=case.kind,
        severity=case.severity,
        received_at=case.received_at,
        requested_by=case.requested_by,
        promised_by=case.promised_by,
        forwarded_at=case.forwarded_at,
        escalated_at=case.escalated_at,
        arrived_at=case.arrived_at,
        validity=case.validity,
        validity_at=case.validity_at,
        resolved_at=case.resolved_at,
        reopened_at=case.reopened_at,
        callback_at=case.callback_at,
        explained_at=case.explained_at,
        analysed_at=case.analysed_at,
        pauses=tuple((p.started_at, p.ended_at) for p in sorted(pauses, key=lambda p: p.started_at)),
        voided=case.status is Status.void,
    )


def pauses_of(session: Session, case_ids: list[int]) -> dict[int, list[Pause]]:
    """Every wait on the customer of these cases, by case, in a few queries whatever their number."""
    pauses: dict[int, list[Pause]] = defaultdict(list)
    for start in range(0, len(case_ids), 900):  # keep under SQLite's bound-parameter limit
        chunk = case_ids[start : start + 900]
        for pause in session.exec(select(Pause).where(col(Pause.case_id).in_(chunk))):
            pauses[pause.case_id].append(pause)
    return pauses


def build_views(
    session: Session, cases: list[Case], policy: Policy, calendar: WorkCalendar, now: datetime
) -> list[CaseView]:
    """Views for many cases with a fixed number of queries, whatever their count."""
    if not cases:
        return []
    staff = dict(session.exec(select(Staff.id, Staff.name)).all())
    departments = dict(session.exec(select(Department.id, Department.name)).all())
    pauses = pauses_of(session, [c.id for c in cases])
    return [
        CaseView(
            case=c,
            owner=staff.get(c.received_by_id, "?"),
            department=departments.get(c.department_id) if c.department_id else None,
            assignee=staff.get(c.assignee_id) if c.assignee_id else None,
            clocks=tuple(compute_clocks(facts_of(c, pauses.get(c.id, [])), policy, calendar, now)),
        )
        for c in cases
    ]
