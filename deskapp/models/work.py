"""What happens to a case after intake: forwarding, notes, resolutions, notifications (pauses: models.pause)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.domain.enums import NoteKind
from deskapp.models.types import UTCDateTime, enum_column


class Forwarding(SQLModel, table=True):
    __tablename__ = "forwardings"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    department_id: int = Field(foreign_key="departments.id")
    person_id: int | None = Field(default=None, foreign_key="staff.id")
    at: datetime = Field(sa_type=UTCDateTime)
    by_id: int = Field(foreign_key="staff.id")
    note: str = ""
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    acknowledged_by_id: int | None = Field(default=None, foreign_key="staff.id")


class Note(SQLModel, table=True):
    __tablename__ = "notes"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    kind: NoteKind = Field(sa_type=enum_column(NoteKind))
    text: str
    at: datetime = Field(sa_type=UTCDateTime)
    by_id: int = Field(foreign_key="staff.id")


class Resolution(SQLModel, table=True):
    __tablename__ = "resolutions"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    round: int = 1  # 1 for the first resolution, 2 after the first reopening ...
    at: datetime = Field(sa_type=UTCDateTime)
    by_id: int = Field(foreign_key="staff.id")
    outcome: str
    # The responsible department's manager signs the result (`deskapp confirm`) before its callback counts.
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    confirmed_by_id: int | None = Field(default=None, foreign_key="staff.id")


class Notification(SQLModel, table=True):
    """A manager called about a major complaint (the escalation panel's ticks)."""

    __tablename__ = "notifications"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    staff_id: int = Field(foreign_key="staff.id")
    at: datetime = Field(sa_type=UTCDateTime)
    by_id: int = Field(foreign_key="staff.id")
    note: str = ""
