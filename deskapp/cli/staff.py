"""`deskapp staff add|role|leave|history`: the staff list kept in the database, by a supervisor.

`init` still seeds the list from data/staff.toml; after that people join and leave here, and each
change is kept in the staff history with who made it."""

from __future__ import annotations

from typing import Annotated

import typer

from deskapp.cli import helptext
from deskapp.cli.common import ByOption, DbOption, choice, described, desk_for, plain_errors, signed_in
from deskapp.desk import staff as staff_list
from deskapp.desk.access import staff_history
from deskapp.domain.enums import Role
from deskapp.i18n import N_, NP_, _, pgettext
from deskapp.words.labels import label

Opt = typer.Option
NameArg = Annotated[str, typer.Argument(help=N_("The person's name, as they sign in."))]
RoleArg = Annotated[str, typer.Argument(help=N_("receptionist, night_duty, supervisor, department_manager, "
                                                 "project_manager or staff."))]
DeptOption = Annotated[str | None, Opt("--department", help=N_("Their department, e.g. Engineering."))]

# The staff events as the history command names them; the stored key is shown for any other.
_EVENTS = {"added": NP_("staff event", "added"), "rejoined": NP_("staff event", "rejoined"),
           "role": NP_("staff event", "role"), "left": NP_("staff event", "left"),
           "pin_set": NP_("staff event", "PIN issued"), "pin_changed": NP_("staff event", "PIN changed"),
           "locked": NP_("staff event", "locked")}

staff = typer.Typer(cls=helptext.DeskGroup, help=N_("Keep the staff list: add people, change a role, record a leaving."),
                    no_args_is_help=True)


def _role(text: str) -> Role:
    return choice(Role, text, pgettext("choice", "role"))


@staff.command("add", cls=helptext.DeskCommand)
@described(N_("Add a person to the staff list (a supervisor); they sign in once a PIN is issued or chosen."))
@plain_errors
def add(name: NameArg, role: RoleArg, department: DeptOption = None,
        phone: Annotated[str, Opt(help=N_("The number the desk calls them on."))] = "",
        by: ByOption = None, db: DbOption = None):
    desk = desk_for(db)
    person = staff_list.add_staff(desk, name, _role(role), department, phone, by=signed_in(desk, by))
    typer.echo(_("{name} added as {role}").format(name=person.name, role=label(person.role)))


@staff.command("role", cls=helptext.DeskCommand)
@described(N_("Change a person's role or department (a supervisor)."))
@plain_errors
def role(name: NameArg, new: RoleArg, department: DeptOption = None, by: ByOption = None, db: DbOption = None):
    desk = desk_for(db)
    person = staff_list.change_role(desk, name, _role(new), department, by=signed_in(desk, by))
    typer.echo(_("{name} is now {role}").format(name=person.name, role=label(person.role)))


@staff.command("leave", cls=helptext.DeskCommand)
@described(N_("Record that a person left (a supervisor): off the sign-in list; their cases keep the name."))
@plain_errors
def leave(name: NameArg, reason: Annotated[str, Opt(help=N_("Why, for the staff history."))] = "",
          by: ByOption = None, db: DbOption = None):
    desk = desk_for(db)
    person = staff_list.leave(desk, name, reason, by=signed_in(desk, by))
    typer.echo(_("{name} has left the staff list").format(name=person.name))


@staff.command("history", cls=helptext.DeskCommand)
@described(N_("A person's staff history: joined, role changes, PINs set, locks, leaving."))
@plain_errors
def history(name: NameArg, db: DbOption = None):
    desk = desk_for(db)
    tz = desk.calendar.tz
    for at, action, actor, details in staff_history(desk, name):
        facts = "; ".join(f"{key}: {_change(value)}" for key, value in details.items())
        by = actor or _("the desk")
        word = pgettext(*_EVENTS[action]) if action in _EVENTS else action
        typer.echo(f"{at.astimezone(tz):%Y-%m-%d %H:%M}  {word}  {by}" + (f"  ({facts})" if facts else ""))


def _change(value) -> str:
    """[before, after] as 'before → after' ('after' when there was nothing before); other facts as they are."""
    if isinstance(value, list) and len(value) == 2:
        before, after = value
        return str(after) if before is None else f"{before} → {after}"
    return str(value)
