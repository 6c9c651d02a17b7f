"""The tables. Importing this package registers every table on `SQLModel.metadata`."""

from sqlmodel import SQLModel

# Named constraints let Alembic alter SQLite tables in batch mode later without guessing names.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

from deskapp.models.action import CaseAction  # noqa: E402
from deskapp.models.call import Call, PhoneToken  # noqa: E402
from deskapp.models.callback import Callback, CallbackAttempt  # noqa: E402
from deskapp.models.case import Case  # noqa: E402
from deskapp.models.clock import CaseClock  # noqa: E402
from deskapp.models.draft import Draft  # noqa: E402
from deskapp.models.handover import Handover  # noqa: E402
from deskapp.models.history import HistoryEvent  # noqa: E402
from deskapp.models.incident import Incident  # noqa: E402
from deskapp.models.notice import Notice  # noqa: E402
from deskapp.models.people import Department, Staff, StaffEvent  # noqa: E402
from deskapp.models.survey import SurveyEvent, SurveyLine, SurveyRound  # noqa: E402
from deskapp.models.work import Forwarding, Note, Notification, Pause, Resolution  # noqa: E402

metadata = SQLModel.metadata

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
