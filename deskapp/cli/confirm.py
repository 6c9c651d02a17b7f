"""`deskapp confirm`: the responsible department's manager signs the result of a resolved complaint."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from deskapp.cli import render
from deskapp.cli.common import (
    AtOption,
    ByOption,
    CaseId,
    DbOption,
    JsonOption,
    described,
    desk_for,
    plain_errors,
    print_json,
    signed_in,
    when,
)
from deskapp.desk.callbacks import confirm_result
from deskapp.i18n import N_


@described(N_("Sign the result of a resolved complaint (the responsible department's manager), before its callback counts."))
@plain_errors
def confirm(case_id: CaseId, note: Annotated[str, typer.Option(help=N_("What the manager checked."))] = "",
            by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    view = confirm_result(desk, case_id, note, by=signed_in(desk, by), at=when(desk, at, "--at"))
    if as_json:
        print_json(render.case_json(view, desk))
    else:
        render.print_case(Console(), view, desk)
