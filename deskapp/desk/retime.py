"""A supervisor re-times the open clocks under today's rules: the one way an edited policy or
calendar reaches a clock that had already started. One history event per case, before → after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from deskapp.desk.clocks import retime_plan
from deskapp.desk.operation import on_case, refused
from deskapp.domain.clocks_stored import rules_versions
from deskapp.domain.enums import ClockName
from deskapp.domain.errors import NotAllowed
from deskapp.models import Case
from deskapp.reads.lookup import default_operator, staff_named
from deskapp.store.context import Desk


@dataclass(frozen=True)
class Retimed:
    case_id: int
    clock: ClockName
    before: datetime
    after: datetime


def retime_preview(desk: Desk) -> list[Retimed]:
    """What re-timing would move, for the question asked first; nothing is written."""
    with desk.reading() as session:
        return [Retimed(*change) for change in retime_plan(session, desk, desk.now())]


def check_may_retime(desk: Desk, by: str | None) -> None:
    """Refused (naming the supervisors) unless `by` is a supervisor: asked before the question."""
    with desk.reading() as session:
        actor = staff_named(session, by) if by else default_operator(session)
        denied = refused(session, "retime", actor, Case.model_construct(forwarded_at=None))  # a rule for every case alike
    if denied:
        raise NotAllowed(denied)


def retime_open(desk: Desk, by: str | None = None) -> list[Retimed]:
    """Move every open clock whose due differs under today's rules; what was moved."""
    check_may_retime(desk, by)
    moved = retime_preview(desk)
    versions = rules_versions(desk.policy, desk.calendar)
    with desk.batch():
        for case_id in sorted({m.case_id for m in moved}):
            with on_case(desk, "retime", case_id, by, None) as op:
                op.log("retime", {}, "", {"policy": versions[0], "calendar": versions[1]})
    return moved
