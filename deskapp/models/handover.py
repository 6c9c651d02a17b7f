"""Shift handovers: what the outgoing operator passed on, and who took it over when."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from deskapp.models.types import UTCDateTime


class Handover(SQLModel, table=True):
    __tablename__ = "handovers"
    # One handover per shift, kept by the database: two desks handing over at once cannot both commit.
    __table_args__ = (sa.UniqueConstraint("shift_start", "shift_end", name="uq_handovers_shift"),)

    id: int | None = Field(default=None, primary_key=True)
    shift: str = Field(max_length=10)  # "day" or "night"
    shift_start: datetime = Field(sa_type=UTCDateTime, index=True)
    shift_end: datetime = Field(sa_type=UTCDateTime)
    outgoing_id: int = Field(foreign_key="staff.id")
    notes: str = ""  # the outgoing operator's own words
    summary: str = "[]"  # JSON: the summary's sections as they stood when handed over
    written_at: datetime = Field(sa_type=UTCDateTime)
    incoming_id: int | None = Field(default=None, foreign_key="staff.id")
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
