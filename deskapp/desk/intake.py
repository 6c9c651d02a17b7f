"""Recording a new call, visit, email, letter or staff report."""

from __future__ import annotations

from deskapp.config.categories import canonical_category
from deskapp.config.intake import intake_rules
from deskapp.config.places import place_key
from deskapp.desk import history
from deskapp.desk.operation import with_clocks
from deskapp.domain.enums import Kind, NoteKind, Status
from deskapp.domain.errors import BadInput, DeskError
from deskapp.domain.intake import Intake, normalise_phone, split_which
from deskapp.i18n import _
from deskapp.models import Case
from deskapp.reads.lookup import default_operator, staff_named
from deskapp.reads.views import CaseView, build_views
from deskapp.store.context import Desk
from deskapp.words.intake_problems import check_intake

# The 5W1H and the rest, in the order the history shows them.
# The writers of what follows an intake (workflow: notes, resolutions, forwardings, callbacks) are
# imported by the functions that use them: `deskapp add` from the phone system records a case only,
# and their modules and tables are a fifth of what it would load beyond SQLModel and Typer.

_RECORDED = (
    "channel", "kind", "severity", "category", "who", "company", "which", "building", "floor", "unit",
    "what", "why", "how", "phone", "special_requests", "appointment_at", "requested_by", "promised_by",
    "received_at", "after_hours", "urgent", "outside_party", "paid", "price_cents",
    "apologised", "thanked",
)


def record_intake(desk: Desk, intake: Intake, by: str | None = None) -> CaseView:
    """Open a case for a call; the operator who took it owns it to the end."""
    problems = check_intake(intake)
    if problems:
        raise BadInput(problems)
    building, floor, unit = intake.building, intake.floor, intake.unit
    if intake.which and not (building or floor or unit):
        building, floor, unit = split_which(intake.which)
    with desk.transaction() as session:
        now = desk.now()  # once the transaction holds SQLite's write lock, as every operation's time is
        if intake.received_at > now + intake_rules().future_slack:
            raise DeskError(_("the time received is in the future"), "received_at")
        owner = staff_named(session, by) if by else default_operator(session)
        if intake.outside_party.strip() and intake.kind is not Kind.complaint:
            raise DeskError(_("only a complaint involves an outside party (the contact clock)"), "outside_party")
        if intake.apologised and intake.kind is not Kind.complaint:
            # The manuals' apology first is a complaint's (QP7.3 4.2.3 a); the thanks closes every call.
            raise DeskError(_("only a complaint is apologised for at intake (the thanks closes every call)"), "apologised")
        case = Case(
            channel=intake.channel,
            kind=intake.kind,
            severity=intake.severity,
            category=canonical_category(intake.category),  # the list's name: one line in the figures
            who=intake.who.strip(),
            company=intake.company.strip(),
            which=intake.which.strip(),
            building=building.strip(),
            floor=floor.strip(),
            unit=unit.strip(),
            place_key=place_key(building, floor, unit),  # one canonical place however it was said
            what=intake.what.strip(),
            why=intake.why.strip(),
            how=intake.how.strip(),
            phone=normalise_phone(intake.phone),
            special_requests=intake.special_requests.strip(),
            appointment_at=intake.appointment_at,
            requested_by=intake.requested_by,
            promised_by=intake.promised_by,
            received_at=intake.received_at,
            urgent=intake.urgent,
            outside_party=intake.outside_party.strip(),
            outside_party_at=intake.received_at if intake.outside_party.strip() else None,
            paid=intake.paid,
            price_cents=intake.price_cents,
            apologised=intake.apologised,
            thanked=intake.thanked,
            received_by_id=owner.id,
            after_hours=not desk.calendar.is_working_time(intake.received_at),
            status=Status.received,
        )
        session.add(case)
        session.flush()  # the case number is needed for its history
        recorded = {name: (None, getattr(case, name)) for name in _RECORDED if getattr(case, name) not in (None, "")}
        recorded, details = with_clocks(session, case, desk, now, "intake", recorded, None)
        history.record(session, case, "intake", owner.id, case.received_at, now, recorded,
                       note=intake.script_answers.strip(), details=details)
        return build_views(session, [case], desk.policy, desk.calendar, now)[0]


def attach_call(desk: Desk, case_id: int, text: str, by: str | None = None) -> CaseView:
    """A further call about a case already open: a note on it, not a new case."""
    from deskapp.desk import workflow

    return workflow.add_note(desk, case_id, text, NoteKind.call, by=by)


def answer_on_the_spot(desk: Desk, intake: Intake, reply: str, by: str | None = None) -> CaseView:
    """An inquiry the desk answers itself (a script's approved reply, a notice): recorded and
    resolved with the reply as its outcome, in one transaction."""
    from deskapp.desk import workflow

    with desk.batch():
        view = record_intake(desk, intake, by=by)
        return workflow.resolve(desk, view.case.id, reply, by=by)


def record_and_forward(desk: Desk, intake: Intake, department: str, by: str | None = None) -> CaseView:
    """A repair recorded with its work order to the trade named on the form, in one transaction."""
    from deskapp.desk import workflow

    with desk.batch():
        view = record_intake(desk, intake, by=by)
        return workflow.forward(desk, view.case.id, department, by=by, via="intake")
