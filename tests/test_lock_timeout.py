"""PostgreSQL: a desk waiting for another's row lock gives up after a bounded time, in words, instead of
hanging while the caller waits (SQLite's writers wait out their busy timeout the same way)."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from deskapp.desk import workflow
from deskapp.store import db
from deskapp.store.context import Desk
from deskapp.store.faults import LOCKED, fault_of
from tests.helpers import record

ALL_BACKENDS = True


@pytest.fixture
def postgresql_desk(desk, db_url, monkeypatch):
    if desk.engine.dialect.name != "postgresql":
        pytest.skip("row locks and lock_timeout are PostgreSQL's")
    monkeypatch.setenv("DESKAPP_BUSY_TIMEOUT_MS", "500")
    waiting = Desk(db.make_engine(db_url), desk.policy, desk.calendar, desk.clock)
    yield desk, waiting
    waiting.engine.dispose()


def test_a_desk_waiting_on_a_case_another_desk_holds_gives_up_in_words(postgresql_desk, db_url):
    desk, waiting = postgresql_desk
    case_id = record(desk, "2026-11-23 08:00")
    other = sa.create_engine(db_url)
    with other.connect() as holding:
        holding.exec_driver_sql(f"SELECT id FROM cases WHERE id = {case_id} FOR UPDATE")  # another desk mid-step
        started = time.monotonic()
        with pytest.raises(Exception) as gave_up:
            workflow.forward(waiting, case_id, "Engineering", by="Wang Fang")
        waited = time.monotonic() - started
        holding.rollback()
    other.dispose()
    fault = fault_of(gave_up.value)
    assert fault is not None and fault.kind == LOCKED and fault.retryable
    assert "the database is locked by another program" in fault.message and "nothing was changed" in fault.message
    assert 0.4 < waited < 5
    workflow.forward(waiting, case_id, "Engineering", by="Wang Fang")  # and once the other desk is done, it goes


def test_the_bound_is_for_the_write_only(postgresql_desk):
    """SET LOCAL: the next transaction on the same connection is not left with the desk's timeout."""
    _desk, waiting = postgresql_desk
    with db.writer(waiting.engine).begin() as c:
        assert c.exec_driver_sql("SHOW lock_timeout").scalar() == "500ms"
    with waiting.engine.connect() as c:
        assert c.exec_driver_sql("SHOW lock_timeout").scalar() == "0"


def test_the_app_says_locked_for_a_lock_timeout(postgresql_desk, db_url):
    from deskapp.screens.error_dialog import fault_kind, fault_words

    desk, waiting = postgresql_desk
    case_id = record(desk, "2026-11-23 08:00")
    other = sa.create_engine(db_url)
    with other.connect() as holding:
        holding.exec_driver_sql(f"SELECT id FROM cases WHERE id = {case_id} FOR UPDATE")
        with pytest.raises(Exception) as gave_up:
            workflow.forward(waiting, case_id, "Engineering", by="Wang Fang")
        holding.rollback()
    other.dispose()
    assert fault_kind(gave_up.value) == "locked"
    assert fault_words(gave_up.value).startswith("The database is locked by another program. What you typed is kept")
