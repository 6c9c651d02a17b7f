"""`deskapp add`, `show` and `list`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

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
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Channel, Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.i18n import N_, _, pgettext

# Rich (for people) and the reads of show/list are imported by the command that uses them:
# `deskapp add --json`, the phone system's call, loads neither.

Opt = typer.Option


@described(N_("Record a call, visit, email, letter or staff report (the 5W1H)."))
@plain_errors
def add(
    kind: Annotated[str | None, Opt(help=N_("inquiry, repair, complaint, assistance or suggestion."))] = None,
    severity: Annotated[str | None, Opt(help=N_("Complaints: major, general or minor."))] = None,
    channel: Annotated[str, Opt(help=N_("phone, visit, email, letter, staff or other."))] = "phone",
    who: Annotated[str, Opt(help=N_("Who: the caller's name."))] = "",
    company: Annotated[str, Opt(help=N_("Who: the caller's company or tenant."))] = "",
    which: Annotated[str, Opt(help=N_("Which: where they are from, e.g. 'Tower B 12F unit 1203'."))] = "",
    building: Annotated[str, Opt(help=N_("Which: building (taken from --which when not given)."))] = "",
    floor: Annotated[str, Opt(help=N_("Which: floor."))] = "",
    unit: Annotated[str, Opt(help=N_("Which: unit."))] = "",
    what: Annotated[str, Opt(help=N_("What happened or what they need."))] = "",
    why: Annotated[str, Opt(help=N_("Why: the purpose or cause as they state it."))] = "",
    how: Annotated[str, Opt(help=N_("How they want it handled."))] = "",
    phone: Annotated[str, Opt(help=N_("Contact phone."))] = "",
    category: Annotated[str, Opt(help=N_("Category, e.g. water leak, lift, noise."))] = "",
    special: Annotated[str, Opt("--special", help=N_("Special requests."))] = "",
    appointment: Annotated[str | None, Opt(help=N_("Appointment time the caller asked for."))] = None,
    requested: Annotated[str | None, Opt(help=N_("Deadline the customer asked for (replaces the default resolve limit)."))] = None,
    promised: Annotated[str | None, Opt(help=N_("When the desk promised an answer (inquiries)."))] = None,
    received: Annotated[str | None, Opt(help=N_("When the call came: ISO time with or without offset (default now)."))] = None,
    urgent: Annotated[bool, Opt("--urgent", help=N_("People trapped, flooding, fire alarm, injury: forward and arrival in wall-clock minutes, day or night."))] = False,
    outside_party: Annotated[str | None, Opt("--outside-party", help=N_("A complaint involving another unit or outside party: who (the customer is contacted within the policy's days)."))] = None,
    paid: PaidOption = None,
    price: PriceOption = None,
    apologised: Annotated[bool, Opt("--apologised/--not-apologised", show_default=False, help=N_("Complaints: you apologised to the caller first (QP7.3 4.2.3 a). Not said: recorded as not given."))] = False,
    thanked: Annotated[bool, Opt("--thanked", show_default=False, help=N_("You thanked the caller at the end (SOP 1.7). Not said: recorded as not given."))] = False,
    by: ByOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    desk = desk_for(db)
    if kind is None:
        raise Failure(_("say what kind of case it is with --kind: inquiry, repair, complaint, assistance or suggestion"))
    intake = Intake(
        kind=choice(Kind, kind, pgettext("choice", "kind")),
        severity=choice(Severity, severity, pgettext("choice", "severity")),
        channel=choice(Channel, channel, pgettext("choice", "channel")),
        who=who, company=company, which=which, building=building, floor=floor, unit=unit,
        what=what, why=why, how=how, phone=phone, category=category, special_requests=special,
        appointment_at=when(desk, appointment, "--appointment"),
        requested_by=when(desk, requested, "--requested"),
        promised_by=when(desk, promised, "--promised"),
        received_at=when(desk, received, "--received") or desk.now(),
        urgent=urgent,
        outside_party=_party(outside_party),
        **work_order_fields(paid, price),
        apologised=apologised, thanked=thanked,
    )
    view = record_intake(desk, intake, by=signed_in(desk, by))
    if as_json:
        print_json(render.case_json(view, desk))
    else:
        from rich.console import Console

        render.print_case(Console(), view, desk)


def _party(text: str | None) -> str:
    if text is not None and not text.strip():
        raise Failure(_("--outside-party needs the party, for example --outside-party \"water utility\""))
    return text or ""


@described(N_("Everything about one case: its 5W1H, clocks and full history."))
@plain_errors
def show(case_id: CaseId, db: DbOption = None, as_json: JsonOption = False):
    from deskapp.reads.queries import case_detail

    desk = desk_for(db)
    detail = case_detail(desk, case_id)
    if as_json:
        print_json(render.detail_json(detail, desk))
    else:
        from rich.console import Console

        render.print_detail(Console(), detail, desk)


@described(N_("List cases, newest first."))
@plain_errors
def list_(
    open_: Annotated[bool, Opt("--open", help=N_("Only cases still open."))] = False,
    overdue: Annotated[bool, Opt("--overdue", help=N_("Only open cases with a clock past due, most urgent first."))] = False,
    kind: Annotated[str | None, Opt(help=N_("Only this kind."))] = None,
    severity: Annotated[str | None, Opt(help=N_("Only this severity."))] = None,
    day: Annotated[str | None, Opt("--date", help=N_("Only cases received on this day (YYYY-MM-DD)."))] = None,
    search: Annotated[str | None, Opt("--search", "-s", help=N_("Words to find in who, company, which, what, why, how, phone or category."))] = None,
    limit: Annotated[int, Opt(help=N_("At most this many cases."), min=1, max=100_000)] = 200,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    from deskapp.reads.queries import list_cases

    desk = desk_for(db)
    try:
        on_day = date.fromisoformat(day) if day else None
    except ValueError:
        raise Failure(_("--date {day!r} is not a date such as 2026-11-20").format(day=day)) from None
    views = list_cases(desk, open_only=open_, overdue=overdue, kind=choice(Kind, kind, pgettext("choice", "kind")),
                       severity=choice(Severity, severity, pgettext("choice", "severity")), day=on_day, search=search, limit=limit)
    if as_json:
        print_json([render.case_json(v, desk) for v in views])
        return
    from rich.console import Console  # for people only: a script's --json never loads it

    if not views:
        Console().print(_("no cases match"))
    else:
        console = Console()
        console.print(render.case_table(views, desk, console.width))
