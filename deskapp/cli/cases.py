"""`deskapp add`, `show` and `list`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from deskapp.cli import render
from deskapp.cli.common import CaseId, ByOption, DbOption, Failure, JsonOption, choice, desk_for, plain_errors, signed_in, print_json, when
from deskapp.desk.intake import record_intake
from deskapp.desk.queries import case_detail, list_cases
from deskapp.domain.enums import Channel, Kind, Severity
from deskapp.domain.intake import Intake

Opt = typer.Option


@plain_errors
def add(
    kind: Annotated[str | None, Opt(help="inquiry, repair, complaint, assistance or suggestion.")] = None,
    severity: Annotated[str | None, Opt(help="Complaints: major, general or minor.")] = None,
    channel: Annotated[str, Opt(help="phone, visit, email, letter, staff or other.")] = "phone",
    who: Annotated[str, Opt(help="Who: the caller's name.")] = "",
    company: Annotated[str, Opt(help="Who: the caller's company or tenant.")] = "",
    which: Annotated[str, Opt(help="Which: where they are from, e.g. 'Tower B 12F unit 1203'.")] = "",
    building: Annotated[str, Opt(help="Which: building (taken from --which when not given).")] = "",
    floor: Annotated[str, Opt(help="Which: floor.")] = "",
    unit: Annotated[str, Opt(help="Which: unit.")] = "",
    what: Annotated[str, Opt(help="What happened or what they need.")] = "",
    why: Annotated[str, Opt(help="Why: the purpose or cause as they state it.")] = "",
    how: Annotated[str, Opt(help="How they want it handled.")] = "",
    phone: Annotated[str, Opt(help="Contact phone.")] = "",
    category: Annotated[str, Opt(help="Category, e.g. water leak, lift, noise.")] = "",
    special: Annotated[str, Opt("--special", help="Special requests.")] = "",
    appointment: Annotated[str | None, Opt(help="Appointment time the caller asked for.")] = None,
    requested: Annotated[str | None, Opt(help="Deadline the customer asked for (replaces the default resolve limit).")] = None,
    promised: Annotated[str | None, Opt(help="When the desk promised an answer (inquiries).")] = None,
    received: Annotated[str | None, Opt(help="When the call came: ISO time with or without offset (default now).")] = None,
    by: ByOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    """Record a call, visit, email, letter or staff report (the 5W1H)."""
    desk = desk_for(db)
    if kind is None:
        raise Failure("say what kind of case it is with --kind: inquiry, repair, complaint, assistance or suggestion")
    intake = Intake(
        kind=choice(Kind, kind, "kind"),
        severity=choice(Severity, severity, "severity"),
        channel=choice(Channel, channel, "channel"),
        who=who, company=company, which=which, building=building, floor=floor, unit=unit,
        what=what, why=why, how=how, phone=phone, category=category, special_requests=special,
        appointment_at=when(desk, appointment, "--appointment"),
        requested_by=when(desk, requested, "--requested"),
        promised_by=when(desk, promised, "--promised"),
        received_at=when(desk, received, "--received") or desk.now(),
    )
    view = record_intake(desk, intake, by=signed_in(desk, by))
    if as_json:
        print_json(render.case_json(view, desk))
    else:
        render.print_case(Console(), view, desk)


@plain_errors
def show(case_id: CaseId, db: DbOption = None, as_json: JsonOption = False):
    """Everything about one case: its 5W1H, clocks and full history."""
    desk = desk_for(db)
    detail = case_detail(desk, case_id)
    if as_json:
        print_json(render.detail_json(detail, desk))
    else:
        render.print_detail(Console(), detail, desk)


@plain_errors
def list_(
    open_: Annotated[bool, Opt("--open", help="Only cases still open.")] = False,
    overdue: Annotated[bool, Opt("--overdue", help="Only open cases with a clock past due, most urgent first.")] = False,
    kind: Annotated[str | None, Opt(help="Only this kind.")] = None,
    severity: Annotated[str | None, Opt(help="Only this severity.")] = None,
    day: Annotated[str | None, Opt("--date", help="Only cases received on this day (YYYY-MM-DD).")] = None,
    search: Annotated[str | None, Opt("--search", "-s", help="Words to find in who, company, which, what, why, how, phone or category.")] = None,
    limit: Annotated[int, Opt(help="At most this many cases.", min=1, max=100_000)] = 200,
    db: DbOption = None,
    as_json: JsonOption = False,
):
    """List cases, newest first."""
    desk = desk_for(db)
    try:
        on_day = date.fromisoformat(day) if day else None
    except ValueError:
        raise Failure(f"--date {day!r} is not a date such as 2026-11-20") from None
    views = list_cases(desk, open_only=open_, overdue=overdue, kind=choice(Kind, kind, "kind"),
                       severity=choice(Severity, severity, "severity"), day=on_day, search=search, limit=limit)
    if as_json:
        print_json([render.case_json(v, desk) for v in views])
    elif not views:
        Console().print("no cases match")
    else:
        console = Console()
        console.print(render.case_table(views, desk, console.width))
