"""`deskapp backup`, `restore` and `check`: keeping the records safe."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from sqlalchemy.engine import make_url

from deskapp.cli.common import (
    DbOption,
    Failure,
    default_db,
    described,
    desk_for,
    plain_errors,
)
from deskapp.config.datafiles import zone_warning
from deskapp.config.paths import backup_dir, database_url, sqlite_path
from deskapp.i18n import N_, _
from deskapp.store.faults import (
    CORRUPT,
    NOT_A_DESK,
    UNREADABLE,
    database_words,
    fault_of,
)
from deskapp.upkeep.backup import backup as make_backup
from deskapp.upkeep.backup import new_backup_path, stamp
from deskapp.upkeep.check import check as run_check
from deskapp.upkeep.restore import backup_records, current_records
from deskapp.upkeep.restore import restore as put_back
from deskapp.words.safe import visible_line


@described(N_("Copy the database now; desks can keep working while it runs."))
@plain_errors
def backup(
    path: Annotated[Path | None, typer.Argument(help=N_("Where to write it (default: backups/ beside the database)."))] = None,
    db: DbOption = None,
):
    desk = desk_for(db)
    target = path or new_backup_path(desk, backup_dir(str(desk.engine.url)), desk.now())
    made = make_backup(desk, target)
    typer.echo(_("backup written to {path} ({size} KiB)").format(path=made, size=made.stat().st_size // 1024))


@described(N_("Put a backup back in place of the current database; the current records are kept aside first."))
@plain_errors
def restore(
    path: Annotated[Path, typer.Argument(help=N_("The backup to put back."))],
    yes: Annotated[bool, typer.Option("--yes", help=N_("Do not ask for confirmation."))] = False,
    db: DbOption = None,
):
    desk = desk_for(db)
    where = desk.engine.url.render_as_string(hide_password=True)
    if not yes:
        if not sys.stdin.isatty():
            raise Failure(_("restoring replaces the current records: add --yes to confirm"))
        _ask(desk, path, where)
    since = desk.now().astimezone(desk.calendar.tz).strftime("%H:%M")
    with _progress() as told:
        done = put_back(desk, path, stamp(desk.now()), since=since, progress=told)
    if done.upgraded_from:
        typer.echo(_("the backup was upgraded from schema {old} to the current one").format(old=done.upgraded_from))
    typer.echo(_("restored {path} into {where}; the records it replaced are kept in {aside}").format(
        path=path, where=where, aside=done.aside))
    typer.echo(_("the next case will be #{number}: no number already given to a caller is used again").format(
        number=done.next_case))


def _ask(desk, path: Path, where: str) -> None:
    """What is replaced by what, before anything is touched."""
    now = current_records(desk)
    typer.echo(_("now in {where}: {cases} cases, the newest #{newest}").format(
        where=where, cases=now.cases, newest=now.newest or "-"))
    if sqlite_path(str(desk.engine.url)) is not None and path.exists():
        then = backup_records(path)
        typer.echo(_("in the backup {path}: {cases} cases, the newest #{newest}, schema {schema}").format(
            path=path, cases=then.cases, newest=then.newest or "-", schema=then.schema or "-"))
    typer.echo(_("desks cannot save while the restore runs (they are told, and keep what is typed); "
                 "the current records are kept aside first"))
    typer.confirm(_("Replace the records in {where} with {path}?").format(where=where, path=path), abort=True)


@contextmanager
def _progress():
    """A bar for the steps that count pages, a line for the others; on stderr, gone when done."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
        tasks: dict[str, int] = {}

        def told(step: str, done: int, total: int | None) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(step, total=total)
            bar.update(tasks[step], completed=done, total=total)

        yield told


@described(N_("Check the database's integrity and that no history event was changed or removed."))
@plain_errors
def check(
    db: DbOption = None,
    anchor: Annotated[Path | None, typer.Option("--anchor", help=N_(
        "An anchor file (backups/anchor-….txt): prove that nothing before it was changed."))] = None,
):
    pinned = _anchor(anchor) if anchor is not None else None
    try:
        desk = desk_for(db)
        columns = (TextColumn(_("checking history")), BarColumn(), MofNCompleteColumn())
        with Progress(*columns, transient=True, console=Console(stderr=True)) as bar:
            task = bar.add_task("check", total=None)
            report = run_check(desk, progress=lambda done, total: bar.update(task, completed=done, total=total),
                               anchor=pinned)
    except Exception as e:
        _unreadable(e, db)
        raise
    _zone_warning()
    for problem in report.database:
        typer.echo(_("database: {problem}").format(problem=problem))
    for problem in report.history[:50]:
        typer.echo(_("history: {problem}").format(problem=problem))
    if len(report.history) > 50:
        typer.echo(_("history: ... and {n} more").format(n=len(report.history) - 50))
    for problem in report.records[:50]:
        typer.echo(_("records: {problem}").format(problem=problem))
    if len(report.records) > 50:
        typer.echo(_("records: ... and {n} more").format(n=len(report.records) - 50))
    for problem in report.anchor:
        typer.echo(_("anchor: {problem}").format(problem=problem))
    if report.ok and pinned is not None:
        typer.echo(_("the history up to event {last} is as the anchor of {time} recorded").format(
            last=pinned.last, time=pinned.at.isoformat()))
    if report.ok:
        typer.echo(_("all well: the database passes its integrity check, and the history of {cases} cases ({events} events) is unbroken")
                   .format(cases=report.cases, events=report.events))
        _notes(report)
        return
    typer.echo(_("problems found: restore the newest good backup, or ask the supervisor to look into the cases named"))
    _notes(report)
    raise typer.Exit(1)


def _notes(report) -> None:
    for note in report.notes:
        typer.echo(_("note: {note}").format(note=note))


def _anchor(path: Path):
    from deskapp.reads.anchor import parse

    try:
        found = parse(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise Failure(_("--anchor: {path} cannot be read ({error})").format(path=path, error=e.strerror)) from None
    except UnicodeDecodeError:
        found = None
    if found is None:
        raise Failure(_("--anchor: {path} holds no deskapp anchor line").format(path=path))
    return found


def _zone_warning() -> None:
    """A desk on a UTC server counting Shanghai's working hours wrong is worth a line, not a failure."""
    warning = zone_warning()
    if warning:
        typer.echo(warning, err=True)


_DAMAGE = {CORRUPT, UNREADABLE, NOT_A_DESK}


def _unreadable(error: Exception, db: str | None) -> None:
    """A file too damaged to read is what `check` is for: said as its finding (exit 1), not as a
    failure to run (exit 2)."""
    fault = fault_of(error)
    if fault is None or fault.kind not in _DAMAGE:
        return
    url = database_url(db or default_db())
    where = sqlite_path(url) or make_url(url).render_as_string(hide_password=True)
    problem = fault.message if fault.kind == NOT_A_DESK else _("the file is damaged ({said})").format(
        said=database_words(error))
    typer.echo(_("database: {where} cannot be read: {problem}").format(
        where=visible_line(str(where)), problem=visible_line(problem)))
    typer.echo(_("problems found: restore the newest good backup (deskapp restore FILE --yes)"))
    raise typer.Exit(1)
