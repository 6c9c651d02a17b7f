"""`deskapp action-add`, `action-done`, `followup` and `chase`: the internal coordination work order,
the follow-up of a corrective action, and chasing a case."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer

from deskapp.cli.common import (
    AtOption,
    ByOption,
    CaseId,
    DbOption,
    Failure,
    JsonOption,
    described,
    desk_for,
    plain_errors,
    signed_in,
    when,
)
from deskapp.i18n import N_, _

Opt = typer.Option
ActionNumber = Annotated[int, typer.Argument(metavar="ACTION", min=1, help=N_("The action's number on the case (1, 2 …)."))]


def _done(desk, view, as_json: bool) -> None:
    from rich.console import Console

    from deskapp.cli import render
    from deskapp.cli.common import print_json

    if as_json:
        print_json(render.case_json(view, desk))
    else:
        render.print_case(Console(), view, desk)


def _given(text: str | None, option: str, example: str) -> str:
    if text is None or not text.strip():
        raise Failure(_("{option} is needed, for example {option} \"{example}\"").format(option=option, example=example))
    return text


def deadline(desk, text: str | None, option: str) -> datetime | None:
    """A deadline typed as a time, or as a bare day (2026-12-10): then by the desk's closing that day."""
    if text is None:
        return None
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        return when(desk, text, option)  # the time parser's refusal, naming the option
    from deskapp.desk.coordination import deadline_from

    return deadline_from(desk, text)


@described(N_("Add an action to a case's internal coordination work order: what, who is responsible, by when."))
@plain_errors
def action_add(case_id: CaseId,
               owner: Annotated[str | None, Opt("--owner", help=N_("Who is responsible for the action."))] = None,
               what: Annotated[str | None, Opt("--what", help=N_("What is to be done."))] = None,
               due: Annotated[str | None, Opt("--due", help=N_("By when: a time ('2026-12-03 17:00', 'tomorrow 12') or a day (by closing)."))] = None,
               by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    from deskapp.desk.coordination import add_action

    desk = desk_for(db)
    owner = _given(owner, "--owner", _("Xu Ming"))
    what = _given(what, "--what", _("replace the riser valve"))
    if due is None:
        raise Failure(_("--due is needed: by when the action is to be done, for example --due \"tomorrow 17:00\""))
    view = add_action(desk, case_id, owner, what, deadline(desk, due, "--due"), by=signed_in(desk, by),
                      at=when(desk, at, "--at"))
    _done(desk, view, as_json)


@described(N_("Record an action of the coordination work order done (its clock is met)."))
@plain_errors
def action_done(case_id: CaseId, action: ActionNumber,
                note: Annotated[str, Opt(help=N_("What was done."))] = "",
                by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    from deskapp.desk.coordination import complete_action

    desk = desk_for(db)
    _done(desk, complete_action(desk, case_id, action, note, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Record the result of a corrective action's follow-up check (its clock is met)."))
@plain_errors
def followup(case_id: CaseId,
             result: Annotated[str | None, Opt("--result", help=N_("What the check found."))] = None,
             by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    from deskapp.desk.coordination import check_followup

    desk = desk_for(db)
    result = _given(result, "--result", _("valve holds, no more leaks"))
    _done(desk, check_followup(desk, case_id, result, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Chase a case (催办): the caller called again, or a supervisor pressed the department it is with."))
@plain_errors
def chase(case_id: CaseId,
          note: Annotated[str, Opt(help=N_("What the caller said, or what the department was asked."))] = "",
          by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    from deskapp.desk.coordination import chase as record_chase

    desk = desk_for(db)
    _done(desk, record_chase(desk, case_id, note, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


# A repair's work order: paid or free work and the price quoted (`deskapp add`, `amend`).
PaidOption = Annotated[bool | None, Opt("--paid/--free", help=N_("Repairs: paid or free work (the customer is told before the work)."))]
PriceOption = Annotated[str | None, Opt("--price", help=N_("Repairs: the price quoted to the customer, e.g. 120 or 120.50 (implies --paid)."))]


def work_order_fields(paid: bool | None, price: str | None) -> dict:
    """The intake's paid and price_cents as the options give them; free work clears the price."""
    from deskapp.words.coordination import price_cents_of

    fields: dict = {}
    if price is not None:
        try:
            fields["price_cents"] = price_cents_of(price) if price.strip() else None
        except ValueError as e:
            raise Failure(_("{option}: {problem}").format(option="--price", problem=e)) from None
        if fields["price_cents"] is not None and paid is None:
            paid = True
    if paid is not None:
        fields["paid"] = paid
        if not paid and price is None:
            fields["price_cents"] = None
    return fields
