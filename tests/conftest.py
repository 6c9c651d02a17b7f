"""Shared fixtures: a desk on a temporary SQLite file, in Shanghai time, with the shipped policy."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deskapp import db
from deskapp.datafiles import load_policy, load_staff
from deskapp.desk.clock import DeskClock
from deskapp.desk.context import Desk
from deskapp.desk.setup import sync_staff
from deskapp.domain.calendar import CalendarSpec, WorkCalendar
from deskapp.paths import data_dir

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """A Shanghai wall-clock time: at('2026-11-20 19:30')."""
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


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
    from sqlmodel import Session

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


@pytest.fixture
def desk(db_path, policy, calendar) -> Desk:
    """A desk whose clock stands at Monday 23 Nov 2026, 09:00 in Shanghai until a test moves it."""
    engine = db.make_engine(f"sqlite:///{db_path}")
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
