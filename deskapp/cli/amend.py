"""`deskapp amend`, `convert` and `reassign`: correcting a case without voiding it."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from deskapp.cli import render
from deskapp.cli.common import (
    ByOption,
    CaseId,
    DbOption,
    Failure,
    JsonOption,
    choice,
    described,
    desk_for,
    plain_errors,
    print_json,
    signed_in,
    when,
)
from deskapp.cli.coordination import PaidOption, PriceOption, work_order_fields
from deskapp.domain.enums import Channel, Kind, Severity
from deskapp.i18n import N_, _, pgettext

Opt = typer.Option
ReasonOption = Annotated[str, Opt("--reason", help=N_("Why the case is corrected (kept in its history)."))]

# Option -> the intake field it corrects, named as `deskapp add` names them.
_TEXTS = {"who": "who", "company": "company", "which": "which", "building": "building", "floor": "floor",
          "unit": "unit", "what": "what", "why": "why", "how": "how", "phone": "phone", "category": "category",
          "special": "special_requests"}
_TIMES = {"appointment": "appointment_at", "requested": "requested_by", "promised": "promised_by",
          "received": "received_at"}


def _need_reason(reason: str) -> str:
    if not reason.strip():
        raise Failure(_("{option} is needed, for example {option} \"{example}\"").format(
            option="--reason", example=_("phone number typed wrong")))
    return reason


def _done(desk, view, as_json: bool) -> None:
    if as_json:
        print_json(render.case_json(view, desk))
    else:
        render.print_case(Console(), view, desk)


@described(N_("Correct a case's intake fields without voiding it; before and after stay in its history."))
@plain_errors
def amend(
    case_id: CaseId,
    reason: ReasonOption = "",
    channel: Annotated[str | None, Opt(help=N_("phone, visit, email, letter, staff or other."))] = None,
    who: Annotated[str | None, Opt(help=N_("Who: the caller's name."))] = None,
    company: Annotated[str | None, Opt(help=N_("Who: the caller's company or tenant."))] = None,
    which: Annotated[str | None, Opt(help=N_("Which: where they are from, e.g. 'Tower B 12F unit 1203'."))] = None,
    building: Annotated[str | None, Opt(help=N_("Which: building (taken from --which when not given)."))] = None,
    floor: Annotated[str | None, Opt(help=N_("Which: floor."))] = None,
    unit: Annotated[str | None, Opt(help=N_("Which: unit."))] = None,
    what: Annotated[str | None, Opt(help=N_("What happened or what they need."))] = None,
    why: Annotated[str | None, Opt(help=N_("Why: the purpose or cause as they state it."))] = None,
    how: Annotated[str | None, Opt(help=N_("How they want it handled."))] = None,
    phone: Annotated[str | None, Opt(help=N_("Contact phone."))] = None,
    category: Annotated[str | None, Opt(help=N_("Category, e.g. water leak, lift, noise."))] = None,
    special: Annotated[str | None, Opt("--special", help=N_("Special requests."))] = None,
    appointment: Annotated[str | None, Opt(help=N_("Appointment time the caller asked for."))] = None,
    requested: Annotated[str | None, Opt(help=N_("Deadline the customer asked for (replaces the default resolve limit)."))] = None,
    promised: Annotated[str | None, Opt(help=N_("When the desk promised an answer (inquiries)."))] = None,
    received: Annotated[str | None, Opt(help=N_("When the call came: ISO time with or without offset (default now)."))] = None,
    paid: PaidOption = None, price: PriceOption = None,
    urgent: Annotated[bool | None, Opt("--urgent/--not-urgent", help=N_(
        "Urgent (people trapped, flooding, fire alarm, injury) or no longer: the forward and arrival deadlines move."))] = None,
    by: ByOption = None, db: DbOption = None, as_json: JsonOption = False,
):
    from deskapp.desk.amend import URGENCY
    from deskapp.desk.amend import amend as correct

    given = locals()
    fields = {field: given[option] for option, field in _TEXTS.items() if given[option] is not None}
    if urgent is not None:
        fields[URGENCY] = urgent
    if channel is not None:
        fields["channel"] = choice(Channel, channel, pgettext("choice", "channel"))
    desk = desk_for(db)
    fields |= {field: when(desk, given[option], f"--{option}") for option, field in _TIMES.items()
               if given[option] is not None}
    fields |= work_order_fields(paid, price)
    if not fields:
        raise Failure(_("say what to correct, for example --phone 13800138000 (any option of `deskapp add`)"))
    view = correct(desk, case_id, fields, _need_reason(reason), by=signed_in(desk, by))
    _done(desk, view, as_json)


@described(N_("Make an inquiry, repair or assistance a complaint, keeping its history; its clocks start now."))
@plain_errors
def convert(
    case_id: CaseId,
    to: Annotated[str, Opt("--to", help=N_("What it becomes: complaint."))],
    severity: Annotated[str | None, Opt(help=N_("Complaints: major, general or minor."))] = None,
    reason: Annotated[str, Opt("--reason", help=N_("Why it becomes a complaint (the customer is still unhappy ...)."))] = "",
    by: ByOption = None, db: DbOption = None, as_json: JsonOption = False,
):
    from deskapp.desk.amend import convert as make_complaint

    if choice(Kind, to, pgettext("choice", "kind")) is not Kind.complaint:
        raise Failure(_("--to: a case can be made a complaint only (--to complaint)"))
    if severity is None:
        raise Failure(_("a complaint needs a severity: --severity major, general or minor"))
    chosen = choice(Severity, severity, pgettext("choice", "severity"))
    desk = desk_for(db)
    view = make_complaint(desk, case_id, chosen, _need_reason(reason), by=signed_in(desk, by))
    _done(desk, view, as_json)


@described(N_("Give a case another owner (supervisors; when the owner leaves). Both names stay in its history."))
@plain_errors
def reassign(
    case_id: CaseId,
    owner: Annotated[str, Opt("--owner", help=N_("The new owner, a member of staff."))],
    reason: Annotated[str, Opt("--reason", help=N_("Why the owner changes."))] = "",
    by: ByOption = None, db: DbOption = None, as_json: JsonOption = False,
):
    from deskapp.desk.amend import reassign as new_owner

    desk = desk_for(db)
    view = new_owner(desk, case_id, owner, _need_reason(reason), by=signed_in(desk, by))
    _done(desk, view, as_json)


COMMANDS = (amend, convert, reassign)
