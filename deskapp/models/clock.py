"""A case's clocks as recorded when they started: the due time is a fact, not a recomputation.

One row per clock of a case (a new round of a clock, after a reopening, replaces its row; the
history keeps the before and after). `met_at` mirrors the case's fact that met the clock, so the
queue and `list --overdue` can find the late ones in SQL.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from deskapp.domain.enums import ClockName, Counting
from deskapp.models.types import UTCDateTime, enum_column

RUNNING = "ix_case_clocks_running"
RUNNING_WHERE = "met_at IS NULL"


class CaseClock(SQLModel, table=True):
    __tablename__ = "case_clocks"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "name", name="uq_case_clocks_case_name"),
        sa.Index("ix_case_clocks_open_due", "met_at", "due_at"),  # the late ones: not met, due before now
        sa.Index("ix_case_clocks_due_at", "due_at"),  # the report: clocks falling due in a period
        # The queue: each open case's running clock that falls due first, one seek per case (0014).
        # PostgreSQL's half of the condition is added by describe_for_postgresql(): naming it here
        # would load SQLAlchemy's PostgreSQL dialect (25 ms) in every command on SQLite.
        sa.Index(RUNNING, "case_id", "due_at", sqlite_where=sa.text(RUNNING_WHERE)),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id")
    name: ClockName = Field(sa_type=enum_column(ClockName))
    started_at: datetime = Field(sa_type=UTCDateTime)
    due_at: datetime = Field(sa_type=UTCDateTime)
    counting: Counting = Field(sa_type=enum_column(Counting))
    allowance_us: int = Field(sa_type=sa.BigInteger)  # the limit, in the clock's own counting
    waited_us: int = Field(default=0, sa_type=sa.BigInteger)  # finished waits on the customer, in the due
    basis: str = Field(max_length=16)
    pausable: bool = False
    met_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    policy_version: str = Field(max_length=16)  # rules_versions(): what the due was computed under
    calendar_version: str = Field(max_length=16)


def describe_for_postgresql() -> None:
    """The running clocks' index as migration 0014 made it on PostgreSQL too, for what compares the
    declared tables with a database (Alembic's autogenerate): the migrations create the index itself."""
    index = next(i for i in CaseClock.__table__.indexes if i.name == RUNNING)  # type: ignore[attr-defined]
    index.dialect_options["postgresql"]["where"] = sa.text(RUNNING_WHERE)
