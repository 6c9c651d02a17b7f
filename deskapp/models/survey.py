"""Satisfaction survey rounds (the building manual's 三): questionnaires sent to each tenant company and
returned, and the satisfaction each returned questionnaire gave.

A round is not a case: it keeps its own history the way the staff list does (`survey_events`), who,
when, what, and the before and after as data (JSON)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from deskapp.models.types import UTCDateTime


class SurveyRound(SQLModel, table=True):
    __tablename__ = "survey_rounds"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80)  # "2026-H2", or what the supervisor called it
    started_at: datetime = Field(sa_type=UTCDateTime, index=True)
    started_by_id: int = Field(foreign_key="staff.id")
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # None: returns still coming in
    closed_by_id: int | None = Field(default=None, foreign_key="staff.id")


class SurveyLine(SQLModel, table=True):
    """One tenant company in a round: its head count, the questionnaires sent and returned, and the
    satisfaction of those returned (the callbacks' scale: satisfied, partly, unsatisfied)."""

    __tablename__ = "survey_lines"
    __table_args__ = (sa.UniqueConstraint("round_id", "company_key", name="uq_survey_lines_round_id"),)

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="survey_rounds.id", index=True)
    company: str = Field(max_length=120)  # as first typed
    company_key: str = Field(max_length=120)  # the same name folded, so "Initech" and "initech " are one line
    staff: int  # the company's head count: coverage is questionnaires sent over the building's staff
    sent: int = 0
    returned: int = 0
    satisfied: int = 0
    partly: int = 0
    unsatisfied: int = 0
    recorded_at: datetime = Field(sa_type=UTCDateTime)


class SurveyEvent(SQLModel, table=True):
    """A round's history: started, a company's line recorded (before → after), closed."""

    __tablename__ = "survey_events"

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="survey_rounds.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    actor_id: int = Field(foreign_key="staff.id")
    action: str = Field(max_length=40)
    details: str = "{}"
