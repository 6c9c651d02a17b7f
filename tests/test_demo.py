"""Demo data: made through the desk's own operations, with the mix of kinds, severities and
deadline states a supervisor expects to see, and the same cases for the same seed."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, col, select

from deskapp.domain.enums import ClockName, ClockState, Kind, Severity, Status
from deskapp.generate.demo import fill_demo
from deskapp.models import HistoryEvent
from deskapp.reads.queries import list_cases
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk
from tests.conftest import shanghai_zone

NOW = datetime(2026, 11, 23, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Monday morning
DAYS, PER_DAY = 10, 12


@pytest.fixture(scope="module")
def shanghai():
    with shanghai_zone():
        yield


@pytest.fixture(scope="module")
def open_demo_desk(shanghai, tmp_path_factory):
    """Desks on temporary SQLite files, with the clock at NOW."""
    folder, desks = tmp_path_factory.mktemp("demo"), []

    def make(name: str):
        desk, _ = open_desk(str(folder / name), clock=DeskClock(NOW))
        desks.append(desk)
        return desk

    yield make
    for desk in desks:
        desk.engine.dispose()


@pytest.fixture(scope="module")
def demo(open_demo_desk):
    """One demo desk for the tests that only read it, with what fill_demo returned and reported."""
    desk = open_demo_desk("demo.db")
    reported = []
    made = fill_demo(desk, days=DAYS, per_day=PER_DAY, progress=lambda done, total: reported.append((done, total)))
    return desk, made, reported


def _history(desk) -> dict[int, list[HistoryEvent]]:
    events = defaultdict(list)
    with Session(desk.engine) as session:
        for event in session.exec(select(HistoryEvent).order_by(col(HistoryEvent.id))):
            events[event.case_id].append(event)
    return events


def _fingerprint(desk) -> list[tuple]:
    cases = [(v.case.id, v.case.received_at, v.case.kind, v.case.severity, v.case.who, v.case.phone, v.case.what,
              v.case.status) for v in list_cases(desk, limit=None)]
    events = [(e.case_id, e.action, e.at, e.note) for history in _history(desk).values() for e in history]
    return cases + events


def test_demo_has_the_mix_a_supervisor_expects(demo):
    desk, made, reported = demo
    assert desk.calendar.tz.key == "Asia/Shanghai"
    views = list_cases(desk, limit=None)
    assert made == len(views) > DAYS * PER_DAY // 2
    assert reported and reported[-1][0] == made and all(done <= total for done, total in reported)

    assert {v.case.kind for v in views} == set(Kind)
    assert {v.case.severity for v in views if v.case.kind is Kind.complaint} == set(Severity)
    statuses = {v.case.status for v in views}
    assert {Status.waiting, Status.resolved, Status.closed, Status.void} <= statuses  # resolved: callback pending
    running = {c.state for v in views for c in v.clocks if c.running}
    assert {ClockState.overdue, ClockState.due_soon, ClockState.on_time} <= running
    assert any(c.name is ClockName.callback and c.running for v in views for c in v.clocks)
    assert all(v.case.received_at <= NOW for v in views)
    assert len({v.case.phone for v in views}) < len(views)  # some callers call again


def test_every_case_has_its_history_in_time_order(demo):
    desk, made, _ = demo
    history = _history(desk)
    assert len(history) == made
    for case_id, events in history.items():
        assert events[0].action == "intake", case_id
        times = [e.at for e in events]
        assert times == sorted(times), case_id
        assert times[-1] <= NOW, case_id


def test_the_same_seed_makes_the_same_cases(demo, open_demo_desk):
    again = open_demo_desk("again.db")
    fill_demo(again, days=DAYS, per_day=PER_DAY)
    assert _fingerprint(again) == _fingerprint(demo[0])
