"""`deskapp init` and `deskapp demo`: a database ready for the desk."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from sqlmodel import func, select

from deskapp.cli.common import DbOption, described, desk_for, plain_errors
from deskapp.config.datafiles import load_staff
from deskapp.i18n import N_, _
from deskapp.models import Case
from deskapp.upkeep.setup import sync_staff


def _history_key(desk) -> None:
    """The key that seals the history is made with the database, beside it (see deskapp.store.history_key)."""
    from deskapp.upkeep.proof import make_history_key

    made = make_history_key(desk)
    if made is not None:
        typer.echo(_("history key written to {path} (owner-only: keep a copy somewhere safe, apart from the backups)")
                   .format(path=made))


@described(N_("Create the database (or bring it to the newest schema) and load the staff list from data/."))
@plain_errors
def init(db: DbOption = None):
    desk = desk_for(db, create=True)
    _history_key(desk)
    with desk.transaction() as session:
        added, updated = sync_staff(session, load_staff())
        cases = session.exec(select(func.count()).select_from(Case)).one()
    typer.echo(_("database ready at {where}: {cases} cases; staff list: {added} added, {updated} updated").format(
        where=desk.engine.url.render_as_string(hide_password=True), cases=cases, added=added, updated=updated))


@described(N_("Fill the database with a few weeks of realistic demo cases (only when it is empty)."))
@plain_errors
def demo(
    days: Annotated[int, typer.Option(help=N_("How many days of activity, ending now."), min=1, max=366)] = 21,
    per_day: Annotated[int, typer.Option(help=N_("Cases per day, on average."), min=1, max=5000)] = 30,
    force: Annotated[bool, typer.Option("--force", help=N_("Add demo cases even to a database that has cases."))] = False,
    db: DbOption = None,
):
    from deskapp.generate.demo import fill_demo

    desk = desk_for(db, create=True)
    _history_key(desk)
    with desk.reading() as session:
        existing = session.exec(select(func.count()).select_from(Case)).one()
    where = desk.engine.url.render_as_string(hide_password=True)
    if existing and not force:
        typer.echo(_("{where} already holds {n} cases; no demo data added (--force adds more)").format(where=where, n=existing))
        return
    columns = (TextColumn(_("demo cases")), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("demo", total=None)
        made = fill_demo(desk, days=days, per_day=per_day,
                         progress=lambda done, total: bar.update(task, completed=done, total=total))
    typer.echo(_("{made} demo cases over {days} days added to {where}").format(made=made, days=days, where=where))
