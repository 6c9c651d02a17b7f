"""Callbacks after resolution, and every attempt to reach the customer."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.domain.enums import AttemptResult, CallbackMethod, Satisfaction
from deskapp.models.types import UTCDateTime, enum_column


class Callback(SQLModel, table=True):
    __tablename__ = "callbacks"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    round: int = 1  # which resolution of the case it follows
    due_at: datetime = Field(sa_type=UTCDateTime, index=True)
    callers: str = ""  # roles that must make it, comma-separated (department_manager,project_manager)
    method: CallbackMethod = Field(sa_type=enum_column(CallbackMethod))
    next_try_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    satisfaction: Satisfaction | None = Field(default=None, sa_type=enum_column(Satisfaction))
    failed_attempts: int = 0


class CallbackAttempt(SQLModel, table=True):
    __tablename__ = "callback_attempts"

    id: int | None = Field(default=None, primary_key=True)
    callback_id: int = Field(foreign_key="callbacks.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    by_id: int = Field(foreign_key="staff.id")
    result: AttemptResult = Field(sa_type=enum_column(AttemptResult))
    satisfaction: Satisfaction | None = Field(default=None, sa_type=enum_column(Satisfaction))
    signed: bool | None = None  # on-site visits: did the customer sign the record
    note: str = ""
    present: str = ""  # the callers who made it, by name, comma-separated ("Ma Jun,Lin Tao")
    confirmed_how: str = Field(default="", max_length=20)  # the customer's confirmation: signed, phone, refused
