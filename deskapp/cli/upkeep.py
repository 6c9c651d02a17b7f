"""`deskapp backup`, `restore` and `check`: keeping the records safe."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from deskapp.cli.common import DbOption, Failure, desk_for, plain_errors
from deskapp.desk.backup import backup as make_backup
from deskapp.desk.backup import restore as put_back
from deskapp.desk.backup import stamp
from deskapp.desk.check import check as run_check
from deskapp.paths import backup_dir


@plain_errors
def backup(
    path: Annotated[Path | None, typer.Argument(help="Where to write it (default: backups/ beside the database).")] = None,
    db: DbOption = None,
):
    """Copy the database now; desks can keep working while it runs."""
    desk = desk_for(db)
    suffix = ".db" if desk.engine.dialect.name == "sqlite" else ".dump"
    target = path or backup_dir(str(desk.engine.url)) / f"backup-{stamp(desk.now())}{suffix}"
    made = make_backup(desk, target)
    typer.echo(f"backup written to {made} ({made.stat().st_size // 1024} KiB)")


@plain_errors
def restore(
    path: Annotated[Path, typer.Argument(help="The backup to put back.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
):
    """Put a backup back in place of the current database (the current SQLite file is kept aside)."""
    desk = desk_for(db)
    where = desk.engine.url.render_as_string(hide_password=True)
    if not yes:
        if not sys.stdin.isatty():
            raise Failure("restoring replaces the current records: add --yes to confirm")
        typer.confirm(f"Replace the records in {where} with {path}?", abort=True)
    aside = put_back(desk, path, stamp(desk.now()))
    kept = f"; the records it replaced are kept in {aside}" if aside else ""
    typer.echo(f"restored {path} into {where}{kept}")


@plain_errors
def check(db: DbOption = None):
    """Check the database's integrity and that no history event was changed or removed."""
    desk = desk_for(db)
    columns = (TextColumn("checking history"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("check", total=None)
        report = run_check(desk, progress=lambda done, total: bar.update(task, completed=done, total=total))
    for problem in report.database:
        typer.echo(f"database: {problem}")
    for problem in report.history[:50]:
        typer.echo(f"history: {problem}")
    if len(report.history) > 50:
        typer.echo(f"history: ... and {len(report.history) - 50} more")
    if report.ok:
        typer.echo(f"all well: the database passes its integrity check, and the history of {report.cases} cases "
                   f"({report.events} events) is unbroken")
        return
    typer.echo("problems found: restore the newest good backup, or ask the supervisor to look into the cases named")
    raise typer.Exit(1)
