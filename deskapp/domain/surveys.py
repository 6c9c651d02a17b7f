"""The satisfaction survey's rules (the building manual's 三), with no database and no wording beyond
the refusals: a round every half-year by default; questionnaires sent to at least 70% of the
building's staff, at least 90% of them returned, and at least 95% of the returned ones satisfied.

Satisfaction is counted as the callbacks count it: satisfied over those who answered, partly
satisfied not counted as satisfied."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from deskapp.i18n import N_, _

# A line's figures as a refusal names them.
FIGURES = {"staff": N_("head count"), "sent": N_("questionnaires sent"), "returned": N_("questionnaires returned"),
           "satisfied": N_("satisfied"), "partly": N_("partly satisfied"), "unsatisfied": N_("unsatisfied")}


@dataclass(frozen=True)
class SurveyTargets:
    """[surveys] of data/policy.toml."""

    rounds_per_year: int = 2
    coverage: float = 0.70  # sent / the building's staff
    returned: float = 0.90  # returned / sent
    satisfaction: float = 0.95  # satisfied / answered


@dataclass(frozen=True)
class Counts:
    """One company's line, or the sum of several: the head count and the questionnaires."""

    staff: int = 0
    sent: int = 0
    returned: int = 0
    satisfied: int = 0
    partly: int = 0
    unsatisfied: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def answered(self) -> int:
        """Returned questionnaires whose satisfaction has been counted."""
        return self.satisfied + self.partly + self.unsatisfied

    @property
    def coverage(self) -> float | None:
        return self.sent / self.staff if self.staff else None

    @property
    def return_rate(self) -> float | None:
        return self.returned / self.sent if self.sent else None

    @property
    def satisfaction(self) -> float | None:
        return self.satisfied / self.answered if self.answered else None


def line_problem(counts: Counts) -> tuple[str, str] | None:
    """(the refusal, the field it is about) when a company's figures cannot be true; None when they can."""
    for name, what in FIGURES.items():
        if getattr(counts, name) < 0:
            return _("{what} cannot be below 0").format(what=_(what)), name
    if counts.staff == 0:
        return _("the company's head count is needed to work out the coverage (--staff N, more than 0)"), "staff"
    if counts.sent > counts.staff:
        return (_("{sent} questionnaires sent to a company of {staff} staff: more than its head count").format(
            sent=counts.sent, staff=counts.staff), "sent")
    if counts.returned > counts.sent:
        return (_("{returned} questionnaires returned but only {sent} sent").format(
            returned=counts.returned, sent=counts.sent), "returned")
    if counts.answered > counts.returned:
        return (_("{answered} satisfaction answers counted but only {returned} questionnaires returned").format(
            answered=counts.answered, returned=counts.returned), "satisfied")
    return None


def uncounted(counts: Counts) -> int:
    """Returned questionnaires whose satisfaction is not counted yet: a round closes with none."""
    return counts.returned - counts.answered


def period_of(day: date, rounds_per_year: int) -> int:
    """Which of the year's survey periods a day falls in: 1 or 2 for half-years, 1 to 4 for quarters."""
    return (day.month - 1) * rounds_per_year // 12 + 1


def default_name(day: date, rounds_per_year: int) -> str:
    """A round's name from the day it starts: '2026-H2' (half-years), '2026-Q3', '2026-P5', or '2026'."""
    if rounds_per_year == 1:
        return f"{day.year}"
    mark = {2: "H", 4: "Q"}.get(rounds_per_year, "P")
    return f"{day.year}-{mark}{period_of(day, rounds_per_year)}"
