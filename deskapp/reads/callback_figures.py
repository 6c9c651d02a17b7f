"""Callback and satisfaction figures for a period, overall and per department (for the statistics)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, case, func, or_
from sqlmodel import Session, col, select

from deskapp.domain.enums import Satisfaction
from deskapp.models import Callback, Case
from deskapp.reads.departments import departments_in
from deskapp.store.context import Desk

NO_DEPARTMENT = "no department"


@dataclass
class CallbackFigures:
    due: int = 0  # callbacks that fell due in the period
    made: int = 0  # of those, the customer was reached
    on_time: int = 0  # reached by the due time
    satisfied: int = 0
    partly: int = 0
    unsatisfied: int = 0

    def merge(self, other: CallbackFigures) -> None:
        self.due += other.due
        self.made += other.made
        self.on_time += other.on_time
        self.satisfied += other.satisfied
        self.partly += other.partly
        self.unsatisfied += other.unsatisfied

    @property
    def callback_rate(self) -> float | None:
        """Callbacks made by their due time, as a share of those due (the manuals' 100% target)."""
        return self.on_time / self.due if self.due else None

    @property
    def satisfaction_rate(self) -> float | None:
        """Customers satisfied, as a share of those reached (the manuals' 95% target)."""
        return self.satisfied / self.made if self.made else None


@dataclass
class CallbackReport:
    overall: CallbackFigures = field(default_factory=CallbackFigures)
    by_department: dict[str, CallbackFigures] = field(default_factory=dict)


def callback_figures(desk: Desk, start: datetime, end: datetime) -> CallbackReport:
    """Every callback whose due time falls in [start, end), counted once overall and once for the
    department the case was with."""
    with desk.reading() as session:
        return callback_report(session, start, end, now=desk.now())


def callback_report(session: Session, start: datetime, end: datetime,
                    departments: dict[int, str] | None = None, now: datetime | None = None) -> CallbackReport:
    """callback_figures inside a reading the caller already holds (the statistics read the cases
    and their callbacks as of one moment). The database counts, one row per department: a month's
    30,000 callbacks never come to Python."""
    if departments is None:
        departments = {d.id: d.name for d in departments_in(session, active_only=False)}
    made = col(Callback.done_at).is_not(None)

    def counted(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    def said(satisfaction: Satisfaction):
        return counted(and_(made, Callback.satisfaction == satisfaction))

    query = (
        select(Case.department_id, func.count(), func.count(Callback.done_at),
               counted(and_(made, Callback.done_at <= Callback.due_at)),
               said(Satisfaction.satisfied), said(Satisfaction.partly), said(Satisfaction.unsatisfied))
        .join(Case, col(Case.id) == Callback.case_id)
        .where(Callback.due_at >= start, Callback.due_at < end, *_fallen_due(now))
        .group_by(Case.department_id)
    )
    report = CallbackReport()
    for department_id, *numbers in session.exec(query):
        figures = CallbackFigures(*(int(n) for n in numbers))
        report.overall.merge(figures)
        name = departments.get(department_id, NO_DEPARTMENT)
        report.by_department.setdefault(name, CallbackFigures()).merge(figures)
    return report


def _fallen_due(now: datetime | None) -> tuple:
    """A callback counts once it is due, or once it was made: today's 16:00 callback is neither
    made nor missed at 10:50, and counting it would put the day's rate below its target."""
    if now is None:
        return ()
    return (or_(col(Callback.due_at) <= now, col(Callback.done_at).is_not(None)),)
