"""The intake form an operator is still typing, kept so that a crash loses at most a second of it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.models.types import UTCDateTime


class Draft(SQLModel, table=True):
    """One unsaved intake per operator: the form's fields as typed, in JSON."""

    __tablename__ = "drafts"

    id: int | None = Field(default=None, primary_key=True)
    # A draft belongs to the operator who typed it; each has at most one (the call in hand).
    operator_id: int = Field(foreign_key="staff.id", index=True, unique=True)
    saved_at: datetime = Field(sa_type=UTCDateTime)
    fields: str = "{}"  # JSON: {field name: text as typed}
