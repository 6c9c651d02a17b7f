"""Waits on the customer, in their own module: every clock reads them, so `deskapp add` loads this
table without the other four of what follows an intake (models.work)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.models.types import UTCDateTime


class Pause(SQLModel, table=True):
    """A stretch of waiting on the customer; pausable clocks do not count it."""

    __tablename__ = "pauses"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    started_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reason: str = ""
    by_id: int = Field(foreign_key="staff.id")
