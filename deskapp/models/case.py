"""The case: one call, visit, email, letter or staff report, with its 5W1H and where it stands.

The times that drive the clocks (first forwarded, escalated, resolved ...) are kept on the case row
itself, written by the service in the same transaction as the record they summarise, so the queue
can compute every clock from one table.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from deskapp.domain.enums import Channel, Kind, Severity, Status, Validity
from deskapp.models.types import UTCDateTime, enum_column


def _time(index: bool = False, nullable: bool = True):
    return Field(default=None, sa_type=UTCDateTime, index=index, nullable=nullable)


class Case(SQLModel, table=True):
    __tablename__ = "cases"
    # The repeat-caller panel and the batch-incident check look cases up by place as the operator types.
    # The history lists cases newest first, filtered by kind or status: those indexes keep that order.
    __table_args__ = (
        sa.Index("ix_cases_place", "building", "floor", "unit"),
        sa.Index("ix_cases_kind_received_at", "kind", "received_at"),
        sa.Index("ix_cases_status_received_at", "status", "received_at"),
        # A case number is never issued twice, restores included (migration 0013r).
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: Channel = Field(sa_type=enum_column(Channel))
    kind: Kind = Field(sa_type=enum_column(Kind))
    severity: Severity | None = Field(default=None, sa_type=enum_column(Severity))
    category: str = Field(default="", max_length=80)

    # The 5W1H, as the caller gave it.
    who: str = ""
    company: str = ""
    which: str = ""
    building: str = Field(default="", max_length=80)
    floor: str = Field(default="", max_length=20)
    unit: str = Field(default="", max_length=40)
    # The place as the place register reads it, however it was said ("B/12/1203"; migration 0010).
    place_key: str = Field(default="", max_length=120, index=True)
    what: str = ""
    why: str = ""
    how: str = ""
    phone: str = Field(default="", max_length=40, index=True)
    special_requests: str = ""
    appointment_at: datetime | None = _time()
    requested_by: datetime | None = _time()
    promised_by: datetime | None = _time()

    received_at: datetime = Field(sa_type=UTCDateTime, index=True)
    received_by_id: int = Field(foreign_key="staff.id")  # first-responder owner
    after_hours: bool = False
    status: Status = Field(sa_type=enum_column(Status))

    validity: Validity = Field(default=Validity.undecided, sa_type=enum_column(Validity))
    validity_reason: str = ""
    validity_ground: str = Field(default="", max_length=40)  # the manuals' ground (data/permissions.toml), by its key
    validity_at: datetime | None = _time()

    department_id: int | None = Field(default=None, foreign_key="departments.id")
    assignee_id: int | None = Field(default=None, foreign_key="staff.id")

    # Summaries of the records below, for the clocks.
    forwarded_at: datetime | None = _time()
    acknowledged_at: datetime | None = _time()
    escalated_at: datetime | None = _time()
    arrived_at: datetime | None = _time()
    resolved_at: datetime | None = _time()
    outcome: str = ""
    reopened_at: datetime | None = _time()
    reopen_count: int = 0
    callback_at: datetime | None = _time()
    explained_at: datetime | None = _time()
    analysed_at: datetime | None = _time()
    paused_since: datetime | None = _time()
    # Schema 0009: an urgent case's clocks run in wall-clock minutes at any hour; a complaint that
    # involves an outside party (named in `outside_party`) runs the contact clock from outside_party_at.
    urgent: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    outside_party: str = Field(default="", sa_column_kwargs={"server_default": ""})
    outside_party_at: datetime | None = _time()
    contacted_at: datetime | None = _time()
    flagged: str = ""  # why the supervisor should look at it; empty when nothing is wrong

    # When an inquiry, repair or assistance became a complaint: the complaint's clocks start here.
    converted_at: datetime | None = _time()

    # Schema 0015: how many times the case was chased (催办), counted by the writer so that the queue
    # reads it with the row; each chase is a history event naming the department chased.
    chase_count: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    # A repair's work order says whether the work is paid or free and the price quoted to the
    # customer (the building manual; SOP 1.5): None until said. The price in cents (fen), exact.
    paid: bool | None = None
    price_cents: int | None = None
    # Schema 0018: whether the operator apologised first to a complaining caller (QP7.3 4.2.3 a) and
    # thanked the caller at the end (SOP 1.7), as ticked at the read-back. False: not given; None: a
    # case recorded before the desk asked.
    apologised: bool | None = None
    thanked: bool | None = None

    # Schema 0017: the batch incident the case belongs to (models/incident.py); a case is in one at most.
    incident_id: int | None = Field(default=None, foreign_key="incidents.id", index=True)

    voided_at: datetime | None = _time()
    void_reason: str = ""
    version: int = 1  # bumped by every change, so two desks cannot silently overwrite each other
