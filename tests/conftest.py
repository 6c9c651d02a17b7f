"""Shared fixtures: a desk on a temporary SQLite file, in Shanghai time, with the shipped policy; and
the one way a screen test waits (settled, until), with text cursors that do not blink."""

from __future__ import annotations

import itertools
import os
import shutil
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlmodel import Session
from textual.widgets import DataTable, Input, TextArea
from textual.worker import WorkerCancelled, WorkerFailed

from deskapp.cli import main
from deskapp.config.datafiles import load_policy, load_staff
from deskapp.config.paths import data_dir
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.i18n import CHINESE, ENGLISH, set_language, use_language
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk
from deskapp.upkeep.setup import sync_staff

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A Shanghai wall-clock time: at('2026-11-20 19:30')."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch):
    """Every text cursor stands still, shown: a blink every half second would make what a test sees
    (and every snapshot) depend on when it looked. Focus and blur still show and hide it."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


# ---- waiting for the screen, never for a fixed time ----------------------------------------------------

async def settled(pilot, timeout: float = 30.0) -> None:
    """Until the screen has done what it was asked: mounted, no worker pending or running, what they
    sent back shown (which may start more workers), its tables measured. Quiet twice in a row,
    since a message handled in between can start more work."""
    app, quiet, deadline = pilot.app, 0, time.monotonic() + timeout
    while quiet < 2:
        # A worker that failed is the app's to show (its error dialog) and the test's to look at.
        with suppress(WorkerCancelled, WorkerFailed):
            await app.workers.wait_for_complete()
        await pilot.pause()
        if _busy(app):
            quiet = 0
            if time.monotonic() > deadline:
                pytest.fail(f"the screen was still busy after {timeout:g}s: {[w.name for w in app.workers]}")
            await pilot.pause(0.01)
        else:
            quiet += 1


def _busy(app) -> bool:
    # A screen starts its work in on_mount, which may not have run yet when the app is first ready.
    return (not app.screen.is_mounted or any(not worker.is_finished for worker in app.workers)
            or not _tables_measured(app))


def _tables_measured(app) -> bool:
    # A DataTable measures its new rows when it is next idle; until then they are cut to the headings.
    return not any(t._updated_cells or t._new_rows or t._require_update_dimensions
                   for t in app.screen.query(DataTable))


async def until(pilot, condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    """Let the app run until condition() is true; fail saying what never happened."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout:g}s for {what}")
        await pilot.pause(0.01)


@pytest.fixture(autouse=True)
def own_state_folder(monkeypatch, tmp_path_factory):
    """Each test's terminal remembers its own last operator, never the machine's (~/.local/state)."""
    monkeypatch.setenv("DESKAPP_STATE_DIR", str(tmp_path_factory.mktemp("state")))


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English, whatever the machine's locale, and leaves no language behind."""
    set_language(ENGLISH)
    yield
    set_language(ENGLISH)


@pytest.fixture
def chinese():
    """The desk speaking Chinese (zh_CN) for the test."""
    with use_language(CHINESE):
        yield


@pytest.fixture(scope="session")
def calendar() -> WorkCalendar:
    return WorkCalendar(CalendarSpec(tz=SHANGHAI))


@pytest.fixture(scope="session")
def policy():
    return load_policy(data_dir())


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """One migrated database with the staff list; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("template") / "desk.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    with Session(engine) as session:
        sync_staff(session, load_staff(data_dir()))
        session.commit()
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def db_path(template_db, tmp_path) -> Path:
    path = tmp_path / "desk.db"
    shutil.copy(template_db, path)
    return path


# Set by .ci/run, which starts a throw-away PostgreSQL server on loopback: a URL to its admin database.
POSTGRES = os.environ.get("DESKAPP_TEST_POSTGRES")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Whatever asks for the 200,000-case desk (tests/scale_db.py) is slow, wherever it is written.
    It also runs on one worker of pytest-xdist (`--dist loadgroup`), which builds that desk once.
    First among the hooks: xdist reads the group in its own hook, and one run after it saw none, so
    every worker built the desk."""
    for item in items:
        if {"scale_db", "scale_desk"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group("scale"))


def pytest_generate_tests(metafunc):
    """Modules that say ALL_BACKENDS = True run each test on SQLite and, when a server is there,
    on PostgreSQL; the rest run on SQLite only."""
    if "db_url" in metafunc.fixturenames:
        backends = ["sqlite"]
        if POSTGRES and getattr(metafunc.module, "ALL_BACKENDS", False):
            backends.append("postgresql")
        metafunc.parametrize("db_url", backends, indirect=True)


@pytest.fixture(scope="session")
def postgres_template():
    """A migrated PostgreSQL database with the staff list, cloned for each test."""
    admin = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    name = f"deskapp_template_{os.getpid()}"
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        c.exec_driver_sql(f"CREATE DATABASE {name}")
    engine = db.make_engine(_with_database(name))
    db.upgrade(engine)
    with Session(engine) as session:
        sync_staff(session, load_staff(data_dir()))
        session.commit()
    engine.dispose()
    yield admin, name
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def _with_database(name: str) -> str:
    return sa.engine.make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def db_url(request, db_path):
    """The test's own database: a copy of the SQLite template, or a PostgreSQL clone of its template."""
    if request.param == "sqlite":
        yield f"sqlite:///{db_path}"
        return
    admin, template = request.getfixturevalue("postgres_template")
    name = f"deskapp_test_{os.getpid()}_{next(_numbers)}"
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {template}")
    yield _with_database(name)
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


_numbers = itertools.count()


@pytest.fixture
def desk(db_url, policy, calendar) -> Desk:
    """A desk whose clock stands at Monday 23 Nov 2026, 09:00 in Shanghai until a test moves it."""
    engine = db.make_engine(db_url)
    yield Desk(engine, policy, calendar, DeskClock(at("2026-11-23 09:00")))
    engine.dispose()


@contextmanager
def shanghai_zone():
    """data/calendar.toml takes the machine's zone, which processes and the CLI read from TZ."""
    import time

    import tzlocal

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        tzlocal.reload_localzone()  # tzlocal caches the zone it found first
        yield
    time.tzset()
    tzlocal.reload_localzone()


@pytest.fixture
def shanghai_env():
    with shanghai_zone():
        yield


CLI_NOW = "2026-11-24T12:00+08:00"


@pytest.fixture
def cli(db_url, shanghai_env, monkeypatch, capsys):
    """Run `deskapp ARGS` in-process against a fresh database; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("DESKAPP_DB", db_url)
    monkeypatch.setenv("DESKAPP_NOW", CLI_NOW)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("DESKAPP_OPERATOR", raising=False)
    monkeypatch.delenv("DESKAPP_PIN", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["deskapp", *args])
        with pytest.raises(SystemExit) as exited:
            main()
        out, err = capsys.readouterr()
        return exited.value.code, out, err

    return run
