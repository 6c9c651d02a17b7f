"""Who is calling: their open cases and recent complaints, a possible batch incident, the managers
to call for a major complaint, and what the desk does with a call besides opening a new case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from deskapp.config.categories import category_list
from deskapp.config.departments import department_label
from deskapp.config.intake import intake_rules
from deskapp.config.places import place_key
from deskapp.domain.batch import BatchRule, Report, possible_batch
from deskapp.domain.enums import OPEN_STATUSES, Kind, Role, Severity, Status
from deskapp.domain.intake import normalise_phone
from deskapp.models import Case, Department, Staff
from deskapp.reads.lookup import default_operator
from deskapp.reads.search import within_place
from deskapp.store.context import Desk

# Only what the side panel shows, so a lookup reads a few columns of a few rows.
_LINE = (Case.id, Case.kind, Case.severity, Case.status, Case.received_at, Case.who, Case.phone,
         Case.building, Case.floor, Case.unit, Case.category, Case.what)


@dataclass(frozen=True)
class CaseLine:
    id: int
    kind: Kind
    severity: Severity | None
    status: Status
    received_at: datetime
    who: str
    phone: str
    building: str
    floor: str
    unit: str
    category: str
    what: str

    @property
    def is_open(self) -> bool:
        return self.status.is_open


@dataclass(frozen=True)
class CallerHistory:
    open_cases: tuple[CaseLine, ...]
    recent_complaints: tuple[CaseLine, ...]  # of the last `recent` days, open or not

    @property
    def empty(self) -> bool:
        return not (self.open_cases or self.recent_complaints)


@dataclass(frozen=True)
class Manager:
    name: str
    role: Role
    department: str
    phone: str


def caller_history(desk: Desk, phone: str = "", building: str = "", floor: str = "", unit: str = "",
                   recent: timedelta | None = None, limit: int = 20) -> CallerHistory:
    """The cases of this phone number or this unit: open ones, and complaints since `recent` ago
    (policy.toml's [intake] recent_days unless given).

    A unit is looked up only when building, floor and unit are all known: a whole floor is many
    tenants, not one caller. It is matched on the canonical place (migration 0010), so "B座12层1203室"
    finds the cases written "Tower B 12F 1203".
    """
    since = desk.now() - (recent if recent is not None else intake_rules().recent)
    found: dict[int, CaseLine] = {}
    with desk.reading() as session:
        wheres = []
        if phone.strip():
            wheres.append([Case.phone == normalise_phone(phone)])
        if building.strip() and floor.strip() and unit.strip():
            wheres.append([Case.place_key == place_key(building, floor, unit)])
        for where in wheres:
            # Two narrow queries rather than one OR, so each uses its own index.
            for query in (
                select(*_LINE).where(*where, col(Case.status).in_(OPEN_STATUSES)),
                select(*_LINE).where(*where, Case.kind == Kind.complaint, Case.received_at >= since),
            ):
                for row in session.exec(query.order_by(col(Case.received_at).desc()).limit(limit)):
                    found[row[0]] = CaseLine(*row)
    lines = sorted(found.values(), key=lambda c: c.received_at, reverse=True)
    return CallerHistory(
        open_cases=tuple(c for c in lines if c.is_open)[:limit],
        recent_complaints=tuple(c for c in lines if c.kind is Kind.complaint and c.received_at >= since)[:limit],
    )


def batch_check(desk: Desk, building: str, floor: str, category: str, caller: str, rule: BatchRule) -> list[Report]:
    """Complaints about the same category on the same building and floor within the rule's window,
    counting the call in hand; empty unless enough different callers make it a possible batch.

    The floor is matched on the canonical place and the category on the category list's canonical
    name, so calls written in either language, or as "air-conditioning" and "air conditioning", count together."""
    if not (building.strip() and floor.strip() and category.strip()):
        return []
    now = desk.now()
    floor_key = place_key(building, floor, "")
    with desk.reading() as session:
        rows = session.exec(
            select(Case.id, Case.phone, Case.who, Case.received_at).where(
                within_place(floor_key, desk.engine.dialect.name), col(Case.category).in_(category_list().every_spelling(category)), Case.kind == Kind.complaint,
                Case.received_at >= now - rule.window, Case.status != Status.void,
            )
        ).all()
    reports = [Report(case_id, phone or who, received) for case_id, phone, who, received in rows]
    reports.append(Report(None, caller, now))
    return possible_batch(reports, rule, now)


def managers_to_call(desk: Desk) -> list[Manager]:
    """Who the desk calls at once about a major complaint: department managers and the project
    manager, with the numbers from the staff list; the project manager first."""
    with desk.reading() as session:
        rows = session.exec(
            select(Staff.name, Staff.role, Department.name, Staff.phone)
            .join(Department, col(Department.id) == Staff.department_id, isouter=True)
            .where(Staff.active, col(Staff.role).in_([Role.project_manager, Role.department_manager]))
            .order_by(col(Staff.role).desc(), col(Staff.name))
        ).all()
    return [Manager(name, role, department_label(dept) or "", phone) for name, role, dept, phone in rows]


def operator_name(desk: Desk) -> str:
    """Who is at the desk when nobody signed in: the first receptionist."""
    with desk.reading() as session:
        return default_operator(session).name






