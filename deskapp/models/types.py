"""Column types shared by every table: UTC times that come back aware, enums stored by value."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Stores an aware datetime as naive UTC and returns it aware, on SQLite and PostgreSQL alike."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("times are stored with their time zone; a naive datetime would be ambiguous")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def enum_column(enum: type[Enum]) -> sa.Enum:
    """A VARCHAR holding the enum's value (not its name), so the database reads like the desk talks."""
    return sa.Enum(
        enum,
        values_callable=lambda members: [m.value for m in members],
        native_enum=False,
        create_constraint=False,
        length=max(len(m.value) for m in enum) + 8,
        validate_strings=True,
    )
