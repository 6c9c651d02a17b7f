"""What the screens and the CLI are given: a case with its names resolved and its clocks computed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import CaseFacts, Clock, StoredClock, compute_clocks, next_clock
from deskapp.domain.enums import Status
from deskapp.domain.policy import Policy
from deskapp.models import Case, Pause, Staff
from deskapp.reads.clock_rows import stored_of
from deskapp.reads.departments import departments_in


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


def facts_of(case: Case, pauses: list[Pause], stored: tuple[StoredClock, ...] | None = None) -> CaseFacts:
    """`stored`: the case's recorded clocks (None when it has none recorded: worked out from the rules)."""
    return CaseFacts(
        kind=case.kind,
        severity=case.severity,
        received_at=case.converted_at or case.received_at,  # a converted complaint's clocks start at the conversion
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
        urgent=bool(case.urgent),
        appointment_at=case.appointment_at,
        outside_party_at=case.outside_party_at,
        contacted_at=case.contacted_at,
        pauses=tuple((p.started_at, p.ended_at) for p in sorted(pauses, key=lambda p: p.started_at)),
        voided=case.status is Status.void,
        stored=stored,
    )


@dataclass(frozen=True)
class Names:
    """Staff and department names by id: a case row holds only the ids.

    Departments by their shown names, in the desk's language at the time of loading (工程部).
    """

    staff: dict[int, str]
    departments: dict[int, str]

    @classmethod
    def load(cls, session: Session) -> Names:
        return cls(dict(session.exec(select(Staff.id, Staff.name)).all()),
                   {d.id: d.shown for d in departments_in(session, active_only=False)})

    def owner(self, case: Case) -> str:
        return self.staff.get(case.received_by_id, "?")

    def department(self, case: Case) -> str | None:
        return self.departments.get(case.department_id) if case.department_id else None

    def assignee(self, case: Case) -> str | None:
        return self.staff.get(case.assignee_id) if case.assignee_id else None


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
    names = Names.load(session)
    pauses = pauses_of(session, [c.id for c in cases])
    stored = stored_of(session, [c.id for c in cases])
    return [
        CaseView(
            case=c,
            owner=names.owner(c),
            department=names.department(c),
            assignee=names.assignee(c),
            clocks=tuple(compute_clocks(facts_of(c, pauses.get(c.id, []), stored.get(c.id)), policy, calendar, now)),
        )
        for c in cases
    ]
