"""Clocks set by hand, each on its own record (schema 0015).

An **action** of an internal coordination work order (内部协调工作单, QP7.3 4.2.3 e): for a serious
case, what is to be done, by whom and by when; its owner's deadline is its clock (`action`), met
when the action is recorded done. A **follow-up** (SOP 3.7.3): the date by which a corrective action
is to be in place, when the desk checks it (`followup`), met by the check's result.

The due time is the one the person set: a recorded fact like any stored clock, never recomputed.
`number` counts a case's actions 1, 2, 3 … (and, apart, its follow-ups), as the desk names them.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from deskapp.domain.enums import ClockName
from deskapp.models.types import UTCDateTime, enum_column


class CaseAction(SQLModel, table=True):
    __tablename__ = "case_actions"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "clock", "number", name="uq_case_actions_case_clock_number"),
        sa.Index("ix_case_actions_due_at", "due_at"),  # the month report: actions falling due in it
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    clock: ClockName = Field(sa_type=enum_column(ClockName))  # action or followup
    number: int
    what: str = ""  # the action; for a follow-up, the corrective action it checks
    owner: str = Field(default="", max_length=80)  # who is responsible (anyone, not only the staff list)
    started_at: datetime = Field(sa_type=UTCDateTime)
    due_at: datetime = Field(sa_type=UTCDateTime)
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    result: str = ""  # what was done; for a follow-up, what the check found
    added_by_id: int = Field(foreign_key="staff.id")
    done_by_id: int | None = Field(default=None, foreign_key="staff.id")
