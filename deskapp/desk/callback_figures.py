"""Callback and satisfaction figures for a period, overall and per department (for the statistics)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import col, select

from deskapp.desk.context import Desk
from deskapp.domain.enums import Satisfaction
from deskapp.models import Callback, Case, Department


@dataclass
class CallbackFigures:
    due: int = 0  # callbacks that fell due in the period
    made: int = 0  # of those, the customer was reached
    on_time: int = 0  # reached by the due time
    satisfied: int = 0
    partly: int = 0
    unsatisfied: int = 0

    def add(self, callback: Callback) -> None:
        self.due += 1
        if callback.done_at is None:
            return
        self.made += 1
        self.on_time += callback.done_at <= callback.due_at
        self.satisfied += callback.satisfaction is Satisfaction.satisfied
        self.partly += callback.satisfaction is Satisfaction.partly
        self.unsatisfied += callback.satisfaction is Satisfaction.unsatisfied

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
    report = CallbackReport()
    with desk.reading() as session:
        names = dict(session.exec(select(Department.id, Department.name)).all())
        rows = session.exec(
            select(Callback, Case.department_id)
            .join(Case, col(Case.id) == Callback.case_id)
            .where(Callback.due_at >= start, Callback.due_at < end)
        )
        for callback, department_id in rows:
            report.overall.add(callback)
            name = names.get(department_id, "no department")
            report.by_department.setdefault(name, CallbackFigures()).add(callback)
    return report
