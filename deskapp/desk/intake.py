"""Recording a new call, visit, email, letter or staff report."""

from __future__ import annotations

from datetime import timedelta

from deskapp.desk import history
from deskapp.desk.context import Desk
from deskapp.desk.errors import BadInput, DeskError
from deskapp.desk.lookup import default_operator, staff_named
from deskapp.desk.views import CaseView, build_views
from deskapp.domain.enums import Status
from deskapp.domain.intake import Intake, check_intake, normalise_phone, split_which
from deskapp.i18n import _
from deskapp.models import Case

_FUTURE_SLACK = timedelta(minutes=5)

# The 5W1H and the rest, in the order the history shows them.
_RECORDED = (
    "channel", "kind", "severity", "category", "who", "company", "which", "building", "floor", "unit",
    "what", "why", "how", "phone", "special_requests", "appointment_at", "requested_by", "promised_by",
    "received_at", "after_hours",
)


def record_intake(desk: Desk, intake: Intake, by: str | None = None) -> CaseView:
    """Open a case for a call; the operator who took it owns it to the end."""
    problems = check_intake(intake)
    if problems:
        raise BadInput(problems)
    now = desk.now()
    if intake.received_at > now + _FUTURE_SLACK:
        raise DeskError(_("the time received is in the future"), "received_at")
    building, floor, unit = intake.building, intake.floor, intake.unit
    if intake.which and not (building or floor or unit):
        building, floor, unit = split_which(intake.which)
    with desk.transaction() as session:
        owner = staff_named(session, by) if by else default_operator(session)
        case = Case(
            channel=intake.channel,
            kind=intake.kind,
            severity=intake.severity,
            category=intake.category.strip(),
            who=intake.who.strip(),
            company=intake.company.strip(),
            which=intake.which.strip(),
            building=building.strip(),
            floor=floor.strip(),
            unit=unit.strip(),
            what=intake.what.strip(),
            why=intake.why.strip(),
            how=intake.how.strip(),
            phone=normalise_phone(intake.phone),
            special_requests=intake.special_requests.strip(),
            appointment_at=intake.appointment_at,
            requested_by=intake.requested_by,
            promised_by=intake.promised_by,
            received_at=intake.received_at,
            received_by_id=owner.id,
            after_hours=not desk.calendar.is_working_time(intake.received_at),
            status=Status.received,
        )
        session.add(case)
        session.flush()  # the case number is needed for its history
        recorded = {name: (None, getattr(case, name)) for name in _RECORDED if getattr(case, name) not in (None, "")}
        history.record(session, case, "intake", owner.id, case.received_at, now, recorded)
        return build_views(session, [case], desk.policy, desk.calendar, now)[0]
