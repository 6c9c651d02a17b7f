"""Departments and staff, with the phone numbers the desk calls them on."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from deskapp.domain.enums import Role
from deskapp.models.types import UTCDateTime, enum_column


class Department(SQLModel, table=True):
    __tablename__ = "departments"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=80)
    phone: str = Field(default="", max_length=40)
    active: bool = True


class Staff(SQLModel, table=True):
    __tablename__ = "staff"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True, max_length=80)
    role: Role = Field(sa_type=enum_column(Role))
    department_id: int | None = Field(default=None, foreign_key="departments.id")
    phone: str = Field(default="", max_length=40)
    active: bool = True
    # "scrypt$n$r$p$salt$hash" of the sign-in PIN; empty when none is set. Never the PIN itself.
    pin_hash: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    # Wrong PINs typed since the last right one; at the policy's limit the name is locked until `locked_until`.
    pin_failures: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class StaffEvent(SQLModel, table=True):
    """The staff list's own history: joined, role changed, left, PIN set, locked after wrong PINs.

    A case's history is per case; these are the facts about people, kept the same way: who, when,
    what, and the before and after as data (JSON)."""

    __tablename__ = "staff_events"

    id: int | None = Field(default=None, primary_key=True)
    staff_id: int = Field(foreign_key="staff.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, foreign_key="staff.id")  # None: the desk itself (a lock)
    action: str = Field(max_length=40)
    details: str = "{}"
