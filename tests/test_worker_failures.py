"""A worker that fails in a way nobody foresaw (the database locked by another program, a read-only
file, a full disk, a server gone): the desk says so in plain words and stays up, and the call being
typed is still in the form to be saved once the database is back."""

from __future__ import annotations

import errno
import re
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy.exc
from textual.screen import Screen
from textual.widgets import Static

import deskapp
from deskapp.app import DeskApp
from deskapp.domain.errors import NotAllowed
from deskapp.screens import intake as intake_screen
from deskapp.screens import intake_draft, retry
from deskapp.screens.error_dialog import (
    ErrorDialog,
    PassesOnWorkerFailures,
    fault_kind,
    fault_words,
)
from deskapp.widgets.intake_form import IntakeForm
from tests.conftest import settled, until
from tests.helpers import cases, open_intake

OPERATOR = "Wang Fang"
A_GENERAL_COMPLAINT = {"kind": "complaint", "severity": "general", "who": "Ms Li", "phone": "13800138000",
                       "which": "Tower B 12F 1203", "what": "water dripping from the ceiling"}


def driver_error(words: str) -> sqlalchemy.exc.OperationalError:
    """What SQLAlchemy raises when SQLite says `words`."""
    return sqlalchemy.exc.OperationalError("INSERT INTO cases ...", {}, sqlite3.OperationalError(words))


async def fill_and_save(pilot) -> None:
    screen = await open_intake(pilot)
    screen.query_one(IntakeForm).load(A_GENERAL_COMPLAINT)
    await pilot.press("ctrl+s")
    await settled(pilot)
    await pilot.press("enter")  # the read-back: yes, save it
    await settled(pilot)


def dialog_words(app) -> str:
    assert isinstance(app.screen, ErrorDialog), app.screen
    return str(app.screen.query_one("#error-words", Static).render())


async def test_a_save_while_another_program_locks_the_database_keeps_the_call_and_saves_it_after(desk, monkeypatch):
    real_record = intake_screen.record_intake

    def locked(*args, **kwargs):
        raise driver_error("database is locked")

    monkeypatch.setattr(intake_screen, "record_intake", locked)
    monkeypatch.setattr(retry, "RETRY_EVERY", 1)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        screen.query_one(IntakeForm).load(A_GENERAL_COMPLAINT)
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("enter")  # the read-back: yes, save it
        line = lambda: str(screen.query_one("#result", Static).render())  # noqa: E731
        await until(pilot, lambda: "trying again in" in line(), "the save to say it waits")
        assert "Not saved yet: the database is locked by another program" in line()
        assert "What you typed is kept" in line()
        assert app.screen is screen  # a line under the form, not a dialog: the operator keeps typing
        form = screen.query_one(IntakeForm)
        assert form.values()["who"] == "Ms Li" and form.values()["what"] == "water dripping from the ceiling"
        assert cases(desk) == []
        # The other program lets go: the same call lands at the next try, without a key.
        monkeypatch.setattr(intake_screen, "record_intake", real_record)
        await until(pilot, lambda: "recorded" in line(), "the save to land", timeout=15)
        [case] = cases(desk)
        assert case.who == "Ms Li"


async def test_a_save_that_still_cannot_land_after_its_tries_is_told_and_the_call_kept(desk, monkeypatch):
    monkeypatch.setattr(intake_screen, "record_intake", lambda *a, **k: (_ for _ in ()).throw(driver_error("database is locked")))
    monkeypatch.setattr(retry, "RETRY_EVERY", 1)
    monkeypatch.setattr(retry, "RETRY_TIMES", 2)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await fill_and_save(pilot)
        assert "locked by another program" in dialog_words(app)
        await pilot.press("escape")
        await settled(pilot)
        form = app.screen.query_one(IntakeForm)
        assert form.values()["who"] == "Ms Li"
        assert "Not saved" in str(app.screen.query_one("#result", Static).render())
        assert cases(desk) == []


async def test_typing_while_a_save_waits_stops_it_and_keeps_what_was_typed(desk, monkeypatch):
    monkeypatch.setattr(intake_screen, "record_intake", lambda *a, **k: (_ for _ in ()).throw(driver_error("database is locked")))
    monkeypatch.setattr(retry, "RETRY_EVERY", 1)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        screen.query_one(IntakeForm).load(A_GENERAL_COMPLAINT)
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("enter")
        line = lambda: str(screen.query_one("#result", Static).render())  # noqa: E731
        await until(pilot, lambda: "trying again in" in line(), "the save to say it waits")
        screen.query_one("#f-what").focus()
        await pilot.press("end", "!")
        await settled(pilot)
        assert "the form was changed while the save waited" in line()
        assert screen.query_one(IntakeForm).values()["what"] == "water dripping from the ceiling!"
        assert cases(desk) == []


async def test_the_same_failure_again_is_counted_in_the_dialog_not_stacked(desk, monkeypatch):
    monkeypatch.setattr(intake_draft.drafts, "save_draft",  # the intake's drafts are written from intake_draft.py
                        lambda *a, **k: (_ for _ in ()).throw(driver_error("attempt to write a readonly database")))
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        screen.write_draft(screen._next_draft(), {"who": "Ms Li"})  # as the draft timer writes it
        await settled(pilot)
        assert "read-only" in dialog_words(app)
        screen.write_draft(screen._next_draft(), {"who": "Ms Li", "phone": "138"})
        await settled(pilot)
        assert sum(isinstance(s, ErrorDialog) for s in app.screen_stack) == 1
        assert str(app.screen.query_one("#error-times", Static).render()) == "2 times"
        await pilot.press("enter")
        await settled(pilot)
        assert app.screen is screen and app.is_running


async def test_a_refusal_no_worker_caught_is_shown_in_its_own_words(desk, monkeypatch):
    def refused(*args, **kwargs):
        raise NotAllowed("the desk is closed for stocktaking")

    monkeypatch.setattr(intake_screen.callers, "caller_history", refused)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_intake(pilot)
        screen.look_up("13800138000", "", "", "", "", "", desk.now(), screen._call)  # for the call on the form
        await settled(pilot)
        assert dialog_words(app) == "the desk is closed for stocktaking"


@pytest.mark.parametrize("error, kind", [
    (driver_error("database is locked"), "locked"),
    (driver_error("attempt to write a readonly database"), "read-only"),
    (driver_error("database or disk is full"), "full"),
    (OSError(errno.ENOSPC, "No space left on device"), "full"),
    (PermissionError(errno.EACCES, "Permission denied"), "read-only"),
    (sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception(
        'connection to server at "127.0.0.1", port 55432 failed: Connection refused')), "server"),
    (ConnectionResetError(), "server"),
    (ZeroDivisionError("division by zero"), "other"),
])
def test_each_failure_is_told_by_what_it_is(error, kind):
    assert fault_kind(error) == kind


def test_a_failure_raised_from_another_is_told_by_the_first():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError as disk:
            raise RuntimeError("could not write the draft") from disk
    except RuntimeError as e:
        assert fault_words(e).startswith("The disk is full")


def test_every_worker_reports_its_failure_instead_of_ending_the_app():
    ui = Path(deskapp.__file__).parent
    workers = []
    for path in [*sorted((ui / "screens").glob("*.py")), *sorted((ui / "widgets").glob("*.py")), ui / "app.py"]:
        workers += [(path.name, m.group(0)) for m in re.finditer(r"@work\([^)]*\)", path.read_text(encoding="utf-8"))]
    assert workers, "no workers found: the pattern is out of date"
    assert [w for w in workers if "exit_on_error=False" not in w[1]] == []


def test_every_screen_with_workers_passes_their_failures_on_to_the_app():
    import importlib
    import inspect
    import pkgutil

    import deskapp.screens

    silent = []
    for module in pkgutil.iter_modules(deskapp.screens.__path__):
        loaded = importlib.import_module(f"deskapp.screens.{module.name}")
        for _name, cls in inspect.getmembers(loaded, inspect.isclass):
            if cls.__module__ != loaded.__name__ or not issubclass(cls, Screen):
                continue
            ours = [c for c in cls.__mro__ if c.__module__.startswith("deskapp.")]
            if any("@work(" in inspect.getsource(c) for c in ours) and not issubclass(cls, PassesOnWorkerFailures):
                silent.append(cls.__name__)
    assert silent == []
