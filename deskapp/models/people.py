"""Departments and staff, with the phone numbers the desk calls them on."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from deskapp.domain.enums import Role
from deskapp.models.types import enum_column


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
