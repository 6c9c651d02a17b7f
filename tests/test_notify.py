"""Two desks on one PostgreSQL queue: a case saved at one is on the other's queue at once, woken by
NOTIFY rather than by its next poll; a save rolled back wakes nobody."""

from __future__ import annotations

import threading
import time

import pytest

from deskapp.app import DeskApp
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake
from deskapp.store import db
from deskapp.store.context import Desk
from deskapp.store.notify import Listener
from tests.conftest import POSTGRES, at, settled
from tests.helpers import open_queue, rows

pytestmark = pytest.mark.skipif(not POSTGRES, reason="needs the PostgreSQL server .ci/run starts")
ALL_BACKENDS = True


@pytest.fixture
def other_desk(desk):
    """A second desk on the same database: its own engine, as another terminal would have."""
    if desk.engine.dialect.name != "postgresql":
        pytest.skip("SQLite desks poll; there is no channel to be woken by")
    engine = db.make_engine(desk.engine.url.render_as_string(hide_password=False))
    yield Desk(engine, desk.policy, desk.calendar, desk.clock)
    engine.dispose()


def inquiry(what: str) -> Intake:
    return Intake(kind=Kind.inquiry, who="Ms Li", what=what, received_at=at("2026-11-23 09:00"))


def test_a_save_at_another_desk_is_heard_and_a_rolled_back_one_is_not(desk, other_desk):
    heard = threading.Event()
    listener = Listener(desk.engine, heard.set).start()
    try:
        assert listener.listening.wait(10)
        with pytest.raises(RuntimeError), other_desk.transaction() as session:
            from sqlalchemy import text

            session.execute(text("SELECT 1"))
            raise RuntimeError("the operator's save failed half-way")
        assert not heard.wait(1.5)
        record_intake(other_desk, inquiry("opening hours"))
        assert heard.wait(5)
    finally:
        listener.stop()


async def test_the_other_desks_queue_shows_the_new_case_without_waiting_for_its_poll(desk, other_desk, monkeypatch):
    import deskapp.screens.queue as queue_screen

    monkeypatch.setattr(queue_screen, "PROBE_SECONDS", 3600)  # no poll in this test: only NOTIFY can bring it
    app = DeskApp(desk, "Liu Yang")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await open_queue(pilot)
        assert app.listener is not None and app.listener.listening.wait(10)
        assert rows(screen) == []
        saved = time.perf_counter()
        case = record_intake(other_desk, inquiry("where to park a van")).case
        while not rows(screen) and time.perf_counter() - saved < 10:
            await pilot.pause(0.05)
        await settled(pilot)
        # Within the ten seconds while the poll is an hour away: it was the notification.
        assert any(str(case.id) in cell for row in rows(screen) for cell in row), rows(screen)
