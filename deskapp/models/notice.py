"""Notices to the tenants: planned outages and works (water, power, lifts, cleaning of common areas),
cuts announced after the event with an apology, and the general apology of QP7.3 4.3.4."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.models.types import UTCDateTime


class Notice(SQLModel, table=True):
    __tablename__ = "notices"

    id: int | None = Field(default=None, primary_key=True)
    topic: str = Field(max_length=40)  # water, power, lift, cleaning, other
    title: str = Field(max_length=120)
    details: str = ""  # what the desk tells a caller who asks
    building: str = Field(default="", max_length=80, index=True)  # empty: every building
    floors: str = Field(default="", max_length=200)  # comma-separated; empty: every floor
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: datetime = Field(sa_type=UTCDateTime, index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    created_by_id: int = Field(foreign_key="staff.id")
    # planned, after_the_event or apology (deskapp.domain.notices.NoticeKind); notices before 0016 are planned.
    kind: str = Field(default="planned", max_length=20, sa_column_kwargs={"server_default": "planned"})
    apology: str = Field(default="", sa_column_kwargs={"server_default": ""})  # "We apologise for ..."
    # What happened and why (after the event), or the plan and measures that put it right (an apology).
    explanation: str = Field(default="", sa_column_kwargs={"server_default": ""})
