"""The case history: an append-only log of every change, chained by hashes so edits show.

An event keeps what happened as data: the action, the fields it changed (before and after), the
facts that are not fields (`details`: whom a manager call reached, what the customer said) and the
note exactly as the operator typed it. It is worded when shown, in the reader's language
(`deskapp.words.history`). Events written before schema 0007 have no details (NULL): their note is
the sentence the desk composed then, in the language it spoke, and is shown as it was written.

`seq` numbers a case's events 1, 2, 3 …; the unique (case_id, seq) means two desks appending to
one case at the same moment cannot both commit, so the chain can never fork.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from deskapp.models.types import UTCDateTime


class HistoryEvent(SQLModel, table=True):
    __tablename__ = "history"
    __table_args__ = (sa.UniqueConstraint("case_id", "seq", name="uq_history_case_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    seq: int  # the event's place in its case's chain: 1, 2, 3 …
    at: datetime = Field(sa_type=UTCDateTime)  # when it happened (may be earlier, typed up from paper)
    recorded_at: datetime = Field(sa_type=UTCDateTime)  # when the desk wrote it down
    actor_id: int = Field(foreign_key="staff.id")
    action: str = Field(max_length=40)
    changes: str = "{}"  # JSON: {"field": [before, after]}
    details: str | None = None  # JSON of the facts that are not fields; NULL on events worded before 0007
    note: str = ""  # as typed (before 0007: the sentence the desk composed)
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)
