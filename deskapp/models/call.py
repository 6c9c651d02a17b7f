"""The call log: every telephone call the phone system told the desk about, and the tokens it uses."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.domain.phone import CallOutcome, Direction, HangupCause
from deskapp.models.types import UTCDateTime, enum_column


def _time(index: bool = False):
    return Field(default=None, sa_type=UTCDateTime, index=index)


class Call(SQLModel, table=True):
    __tablename__ = "calls"

    id: int | None = Field(default=None, primary_key=True)
    call_id: str = Field(max_length=250, unique=True)  # the phone system's own id (callId)
    direction: Direction = Field(sa_type=enum_column(Direction))
    from_number: str = Field(default="", max_length=40)
    to_number: str = Field(default="", max_length=40)
    # The customer's end of the call (from for an inbound call, to for an outbound one), digits only:
    # how a call back is matched to the missed call, and a call to the caller's cases.
    number: str = Field(default="", max_length=40, index=True)
    users: str = ""  # user[] as the phone system sent them, one a line: the desks it rang
    queue: str = Field(default="", max_length=100)
    answering_number: str = Field(default="", max_length=100)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")  # the desk that answered
    ring_at: datetime = Field(sa_type=UTCDateTime, index=True)  # the first event's time
    answered_at: datetime | None = _time()
    hung_up_at: datetime | None = _time()
    cause: HangupCause | None = Field(default=None, sa_type=enum_column(HangupCause))
    outcome: CallOutcome = Field(sa_type=enum_column(CallOutcome))
    case_id: int | None = Field(default=None, foreign_key="cases.id", index=True)  # the case it became or was attached to
    # A missed call on the callback list: due when the phone policy says, done when the caller is reached.
    callback_due_at: datetime | None = _time(index=True)
    callback_done_at: datetime | None = _time()
    callback_done_by: int | None = Field(default=None, foreign_key="calls.id")  # the call that reached them
    missed_again: int = 0  # further missed calls from the same number while this one waited
    changed_at: datetime = Field(sa_type=UTCDateTime, index=True)  # the last event's time: what desks poll


class PhoneToken(SQLModel, table=True):
    __tablename__ = "phone_tokens"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)  # SHA-256 of the token, never the token itself
    made_at: datetime = Field(sa_type=UTCDateTime)
