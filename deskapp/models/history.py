"""The case history: an append-only log of every change, chained by hashes so edits show."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.models.types import UTCDateTime


class HistoryEvent(SQLModel, table=True):
    __tablename__ = "history"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)  # when it happened (may be earlier, typed up from paper)
    recorded_at: datetime = Field(sa_type=UTCDateTime)  # when the desk wrote it down
    actor_id: int = Field(foreign_key="staff.id")
    action: str = Field(max_length=40)
    changes: str = "{}"  # JSON: {"field": [before, after]}
    note: str = ""
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)
