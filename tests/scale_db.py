"""A desk with years of history: 200,000 cases made by the bulk generator, once per test session.

Tests that use it only read, so every test shares the one file (a copy would cost more than the
tests). A few cases are told in Chinese, as a desk in Shanghai records some.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from deskapp.generate.bulk import fill_bulk
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk
from tests.conftest import at

CASES = 200_000
NOW = "2026-11-23 09:00"  # Monday morning: the desk's clock in every test
CHINESE_EVERY = 20_000  # cases 7, 20,007, 40,007 ...: ten told in Chinese
CHINESE_WHO, CHINESE_WHAT = "王小明", "电梯门关不上"


@pytest.fixture(scope="session")
def scale_db(template_db, tmp_path_factory, policy, calendar) -> Path:
    path = tmp_path_factory.mktemp("scale") / "desk.db"
    shutil.copy(template_db, path)
    desk = Desk(db.make_engine(f"sqlite:///{path}"), policy, calendar, DeskClock(at(NOW)))
    fill_bulk(desk, CASES, open_cases=300, pending_callbacks=100, seed=8)
    desk.engine.dispose()
    with sqlite3.connect(path) as c:
        c.execute("UPDATE cases SET who = ?, what = ? WHERE id % ? = 7", (CHINESE_WHO, CHINESE_WHAT, CHINESE_EVERY))
    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def scale_desk(scale_db, policy, calendar):
    engine = db.make_engine(f"sqlite:///{scale_db}")
    yield Desk(engine, policy, calendar, DeskClock(at(NOW)))
    engine.dispose()
