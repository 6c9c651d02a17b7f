"""A batch incident (schema 0017): one problem, one place, many callers, handled as one.

A burst pipe on the 12th floor makes ten calls. Each call stays its own case (the caller's own
history, their own callback), and each case names the incident it belongs to (`cases.incident_id`,
at most one). The incident keeps what the cases share: where (the floor's canonical place key) and
what (the category), who opened it, and its one resolution, which resolved every linked open case.

Its number is its row's id, as a case's is. Every step on it is an event in the linked cases'
histories (desk/incidents.py), so `deskapp check` replays each case's link like any other field.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.models.types import UTCDateTime


class Incident(SQLModel, table=True):
    __tablename__ = "incidents"

    id: int | None = Field(default=None, primary_key=True)  # the incident's number
    opened_at: datetime = Field(sa_type=UTCDateTime, index=True)  # the month report counts it by this
    opened_by_id: int = Field(foreign_key="staff.id")
    place_key: str = Field(default="", max_length=120)  # the floor, as the place register reads it
    building: str = Field(default="", max_length=80)  # as the first case said it, shown in the desk's language
    floor: str = Field(default="", max_length=20)
    category: str = Field(default="", max_length=80)  # the category list's kept name
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # once, for every linked case
    resolved_by_id: int | None = Field(default=None, foreign_key="staff.id")
    resolution: str = ""  # the outcome each linked open case was resolved with
