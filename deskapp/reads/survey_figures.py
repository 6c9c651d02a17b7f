"""The satisfaction survey's figures (the building manual's 三): one round's companies, and the rounds a
report's period holds, against the manual's coverage, return and satisfaction targets. Never writes.

A round counts in the period it closed in: its figures are final then. The month report of the month
a round closed carries it; a year's report carries the year's rounds, summed."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from deskapp.config.surveys import survey_targets
from deskapp.domain.surveys import Counts, SurveyTargets
from deskapp.i18n import NP_
from deskapp.models import Staff, SurveyEvent, SurveyLine, SurveyRound
from deskapp.store.context import Desk

# The rates a report lists beside the callbacks' satisfaction, marked for the catalogue (context "rate").
RATE_NAMES = (NP_("rate", "survey coverage"), NP_("rate", "survey return"), NP_("rate", "survey satisfaction"))


@dataclass
class RoundFigures:
    id: int
    name: str
    started_at: datetime
    closed_at: datetime | None
    started_by: str
    closed_by: str | None
    lines: list[tuple[str, Counts]] = field(default_factory=list)  # (company, its counts), by company

    @property
    def total(self) -> Counts:
        return sum((counts for _company, counts in self.lines), Counts())


@dataclass
class SurveyFigures:
    rounds: list[RoundFigures] = field(default_factory=list)  # closed in the period, in order
    targets: SurveyTargets = field(default_factory=SurveyTargets)

    @property
    def total(self) -> Counts:
        return sum((r.total for r in self.rounds), Counts())

    def rates(self) -> list[tuple[str, float | None, float]]:
        """(name, value, target) of coverage, return and satisfaction; none when no round closed."""
        if not self.rounds:
            return []
        t, total = self.targets, self.total
        return [("survey coverage", total.coverage, t.coverage), ("survey return", total.return_rate, t.returned),
                ("survey satisfaction", total.satisfaction, t.satisfaction)]


def survey_figures(desk: Desk, start: datetime, end: datetime) -> SurveyFigures:
    with desk.reading() as session:
        return survey_report(session, start, end)


def survey_report(session: Session, start: datetime, end: datetime) -> SurveyFigures:
    """The rounds closed in [start, end), inside a reading the caller already holds."""
    rounds = session.exec(select(SurveyRound).where(SurveyRound.closed_at >= start, SurveyRound.closed_at < end)
                          .order_by(col(SurveyRound.closed_at), col(SurveyRound.id))).all()
    return SurveyFigures([_figures(session, r) for r in rounds], survey_targets())


def round_figures(desk: Desk, round_id: int | None = None) -> RoundFigures | None:
    """The round asked for; without one, the newest round (the open one, if one is open)."""
    with desk.reading() as session:
        query = select(SurveyRound)
        query = query.where(SurveyRound.id == round_id) if round_id is not None else query.order_by(
            col(SurveyRound.id).desc()).limit(1)
        found = session.exec(query).first()
        return _figures(session, found) if found is not None else None


def rounds_in_year(desk: Desk, start: datetime, end: datetime) -> int:
    """Rounds started in [start, end): how many of the year's rounds (rounds_per_year) have begun."""
    with desk.reading() as session:
        return len(session.exec(select(SurveyRound.id).where(SurveyRound.started_at >= start,
                                                             SurveyRound.started_at < end)).all())


def _figures(session: Session, survey: SurveyRound) -> RoundFigures:
    names = {s.id: s.name for s in session.exec(select(Staff).where(
        col(Staff.id).in_([survey.started_by_id, survey.closed_by_id or survey.started_by_id]))).all()}
    # Plain rows, not objects: a round of a few hundred companies reads in a few milliseconds.
    lines = session.exec(select(SurveyLine.company, SurveyLine.staff, SurveyLine.sent, SurveyLine.returned,
                                SurveyLine.satisfied, SurveyLine.partly, SurveyLine.unsatisfied)
                         .where(SurveyLine.round_id == survey.id).order_by(col(SurveyLine.company_key))).all()
    assert survey.id is not None
    return RoundFigures(
        survey.id, survey.name, survey.started_at, survey.closed_at, names.get(survey.started_by_id, ""),
        names.get(survey.closed_by_id) if survey.closed_by_id else None,
        [(company, Counts(*figures)) for company, *figures in lines])


def round_history(desk: Desk, round_id: int | None = None) -> list[tuple[datetime, str, str, dict]]:
    """(when, action, who, details) of a round's events, oldest first: started, each line recorded
    with its before → after, closed. Without a round, the newest."""
    with desk.reading() as session:
        if round_id is None:
            round_id = session.exec(select(SurveyRound.id).order_by(col(SurveyRound.id).desc()).limit(1)).first()
        events = session.exec(select(SurveyEvent).where(SurveyEvent.round_id == round_id)
                              .order_by(col(SurveyEvent.at), col(SurveyEvent.id))).all()
        names = {s.id: s.name for s in session.exec(select(Staff)).all()}
    return [(e.at, e.action, names.get(e.actor_id, ""), json.loads(e.details)) for e in events]
