"""The tables, each module loaded when one of its tables is first named.

`from deskapp.models import Case` loads deskapp.models.case (and the tables every foreign key points
at: people, incident, case), not every table: building a SQLModel class costs pydantic and
SQLAlchemy about 5 ms, and `deskapp add` from the phone system needs nine of two dozen. What needs every table (Alembic's
autogenerate, a test comparing the schema) reads `deskapp.models.metadata`, which loads them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sqlmodel import SQLModel

# Named constraints let Alembic alter SQLite tables in batch mode later without guessing names.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Each table class by the module that declares it.
_MODULE_OF = {
    "CaseAction": "action",
    "Call": "call", "PhoneToken": "call",
    "Callback": "callback", "CallbackAttempt": "callback",
    "Case": "case",
    "CaseClock": "clock",
    "Draft": "draft",
    "Handover": "handover",
    "HistoryEvent": "history",
    "Incident": "incident",
    "Notice": "notice",
    "Department": "people", "Staff": "people", "StaffEvent": "people",
    "SurveyEvent": "survey", "SurveyLine": "survey", "SurveyRound": "survey",
    "Pause": "pause",
    "Forwarding": "work", "Note": "work", "Resolution": "work", "Notification": "work",
}
# What the foreign keys point at (staff, departments, incidents, cases), loaded before any other table
# so that every foreign key finds its table (callbacks and survey_rounds are named only from their own
# module). A new foreign key to another module's table adds that module here.
_REFERRED = ("people", "incident", "case")

__all__ = [
    "Call",
    "Callback",
    "CallbackAttempt",
    "Case",
    "CaseAction",
    "CaseClock",
    "Department",
    "Draft",
    "Forwarding",
    "Handover",
    "HistoryEvent",
    "Incident",
    "Note",
    "Notice",
    "Notification",
    "Pause",
    "PhoneToken",
    "Resolution",
    "Staff",
    "StaffEvent",
    "SurveyEvent",
    "SurveyLine",
    "SurveyRound",
    "metadata",
]


def _load(module: str) -> None:
    for needed in (*_REFERRED, module):
        importlib.import_module(f"deskapp.models.{needed}")


def load_all() -> None:
    """Every table on `SQLModel.metadata`, described for both databases."""
    for module in sorted(set(_MODULE_OF.values())):
        _load(module)
    from deskapp.models.clock import describe_for_postgresql

    describe_for_postgresql()


def __getattr__(name: str):
    if name == "metadata":
        load_all()
        return SQLModel.metadata
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _load(module)
    found = getattr(importlib.import_module(f"deskapp.models.{module}"), name)
    globals()[name] = found  # the next `from deskapp.models import ...` finds it without this hook
    return found


if TYPE_CHECKING:  # what mypy and the editors see: the same names, declared where they live
    from sqlalchemy import MetaData

    from deskapp.models.action import CaseAction
    from deskapp.models.call import Call, PhoneToken
    from deskapp.models.callback import Callback, CallbackAttempt
    from deskapp.models.case import Case
    from deskapp.models.clock import CaseClock
    from deskapp.models.draft import Draft
    from deskapp.models.handover import Handover
    from deskapp.models.history import HistoryEvent
    from deskapp.models.incident import Incident
    from deskapp.models.notice import Notice
    from deskapp.models.pause import Pause
    from deskapp.models.people import Department, Staff, StaffEvent
    from deskapp.models.survey import SurveyEvent, SurveyLine, SurveyRound
    from deskapp.models.work import Forwarding, Note, Notification, Resolution

    metadata: MetaData
