"""Migration 0007 on a desk that already has a history: old events stay readable and checkable,
new ones are data, and the way back (0006) leaves a chain the older desk accepts."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from deskapp.desk import workflow
from deskapp.reads.queries import case_detail
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk
from deskapp.upkeep.check import check
from deskapp.words.history import event_words
from tests.conftest import POSTGRES, _with_database, at

_numbers = itertools.count()

# What a 0006 desk wrote: two cases told apart by their events' ids interleaving; one desk spoke
# English, the other Chinese, and each note is the sentence the desk composed in its language.
_EVENTS = [
    (1, "2026-11-20 11:30:00", "intake", '{"kind": [null, "complaint"]}', ""),
    (2, "2026-11-20 11:31:00", "intake", '{"kind": [null, "complaint"]}', ""),
    (1, "2026-11-20 11:35:00", "forward", ('{"responsible": [null, "Engineering / Xu Ming"], "status": '
                                           '["received", "forwarded"]}'), "forwarded to Engineering / Xu Ming"),
    (2, "2026-11-20 11:36:00", "forward", '{"responsible": [null, "工程部"], "status": ["received", "forwarded"]}',
     "转派至工程部"),
    (2, "2026-11-20 11:40:00", "note", "{}", "纠正措施：已安排整改"),
]


def _old_hash(case_id, when, recorded, actor, action, changes, note, prev) -> str:
    """Schema 0006's chain hash, written out here so the test does not lean on the code it checks."""
    content = [case_id, _iso(when), _iso(recorded), actor, action, changes, note, prev]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _iso(value) -> str:
    """A stored time (text on SQLite, a naive datetime on PostgreSQL) as the hash writes it."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC).isoformat()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    """A database with no schema yet, on each backend the machine has."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'desk.db'}"
        return
    if not POSTGRES:
        pytest.skip("no PostgreSQL server for the tests")
    admin = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    name = f"deskapp_migration_{os.getpid()}_{next(_numbers)}"
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {name}")
    yield _with_database(name)
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def _desk_at_0006(url, policy, calendar) -> Desk:
    engine = db.make_engine(url)
    db.upgrade(engine, "0006")
    with engine.begin() as c:
        c.execute(sa.text("INSERT INTO departments (id, name, phone, active) VALUES (1, 'Engineering', '1200', :t)"),
                  {"t": True})
        c.execute(sa.text("INSERT INTO staff (id, name, role, department_id, phone, active, pin_hash) "
                          "VALUES (1, 'Wang Fang', 'receptionist', 1, '138', :t, '')"), {"t": True})
        for n, version in ((1, 2), (2, 3)):
            c.execute(sa.text(
                "INSERT INTO cases (id, channel, kind, severity, category, who, company, which, building, floor, unit,"
                " what, why, how, phone, special_requests, received_at, received_by_id, after_hours, status, validity,"
                " validity_reason, outcome, reopen_count, flagged, void_reason, version, department_id) VALUES (:n,"
                " 'phone', 'complaint', 'general', 'leak', 'Ms Li', '', 'Tower B 12F 1203', 'Tower B', '12', '1203',"
                " 'water from the ceiling', '', '', '13800138000', '', '2026-11-20 11:30:00', 1, :f, 'forwarded',"
                " 'undecided', '', '', 0, '', '', :v, 1)"), {"n": n, "f": False, "v": version})
        prev: dict[int, str] = {}
        for case_id, when, action, changes, note in _EVENTS:
            digest = _old_hash(case_id, when, when, 1, action, changes, note, prev.get(case_id, ""))
            c.execute(sa.text(
                "INSERT INTO history (case_id, at, recorded_at, actor_id, action, changes, note, prev_hash, hash)"
                " VALUES (:c, :at, :at, 1, :a, :ch, :note, :prev, :h)"),
                {"c": case_id, "at": when, "a": action, "ch": changes, "note": note, "prev": prev.get(case_id, ""),
                 "h": digest})
            prev[case_id] = digest
    return Desk(engine, policy, calendar, DeskClock(at("2026-11-23 09:00")))


def _rows(desk, case_id):
    with desk.engine.connect() as c:
        return c.execute(sa.text("SELECT * FROM history WHERE case_id = :c ORDER BY id"), {"c": case_id}).mappings().all()


def test_old_events_keep_their_words_and_their_chain_and_new_ones_follow(empty_url, policy, calendar):
    desk = _desk_at_0006(empty_url, policy, calendar)
    db.upgrade(desk.engine)
    assert db.current_revision(desk.engine) == db.SCHEMA_HEAD  # 0007 and every migration after it
    assert [r["seq"] for r in _rows(desk, 1)] == [1, 2] and [r["seq"] for r in _rows(desk, 2)] == [1, 2, 3]
    assert all(r["details"] is None for r in _rows(desk, 2))
    report = check(desk)
    assert report.ok, report.history
    tz = desk.calendar.tz
    # Written before 0007, shown as the desk wrote it then (in its language), with the fields changed.
    shown = [event_words(line, tz) for line in case_detail(desk, 2).history]
    assert shown[1] == "转派至工程部\nresponsible: – → 工程部; status: received → forwarded"
    assert shown[2] == "纠正措施：已安排整改"
    # A new event continues the old chain as data.
    workflow.add_note(desk, 1, "the tenant called again", at=at("2026-11-23 08:30"))
    new = _rows(desk, 1)[-1]
    assert (new["seq"], new["note"], json.loads(new["details"])) == (3, "the tenant called again", {"kind": "progress"})
    assert new["prev_hash"] == _rows(desk, 1)[1]["hash"]
    assert event_words(case_detail(desk, 1).history[-1], tz) == "progress: the tenant called again"
    assert check(desk).ok
    desk.engine.dispose()


def test_downgrading_words_the_new_events_and_rechains_them_the_old_way(empty_url, policy, calendar):
    desk = _desk_at_0006(empty_url, policy, calendar)
    db.upgrade(desk.engine)
    workflow.add_note(desk, 2, "called the tenant back", at=at("2026-11-23 08:30"))
    workflow.add_note(desk, 2, "plumber booked", at=at("2026-11-23 08:40"))
    before = _rows(desk, 2)
    with desk.engine.begin() as connection:
        from alembic import command

        command.downgrade(db._alembic_config(connection), "0006")
    assert db.current_revision(desk.engine) == "0006"
    rows = _rows(desk, 2)
    assert "seq" not in rows[0] and "details" not in rows[0]
    assert [r["note"] for r in rows] == ["", "转派至工程部", "纠正措施：已安排整改", "progress: called the tenant back",
                                         "progress: plumber booked"]
    assert [r["hash"] for r in rows[:3]] == [r["hash"] for r in before[:3]]  # the old events are untouched
    prev = ""
    for r in rows:  # the older desk's check: each hashed its way, each pointing to the one before
        assert r["prev_hash"] == prev
        assert r["hash"] == _old_hash(2, r["at"], r["recorded_at"], r["actor_id"], r["action"], r["changes"], r["note"],
                                      prev)
        prev = r["hash"]
    db.upgrade(desk.engine)
    report = check(desk)
    assert report.ok, report.history
    desk.engine.dispose()
