"""The history chain cannot fork: each case's events are numbered 1, 2, 3 … and the database keeps
(case, number) unique, so two desks appending to one case from the same tail never both commit."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlmodel import Session, col, select

from deskapp.desk import history, workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.errors import Conflict
from deskapp.domain.intake import Intake
from deskapp.models import HistoryEvent, Staff
from deskapp.upkeep.check import check
from tests import history_race
from tests.conftest import at

ALL_BACKENDS = True


def _case(desk) -> int:
    intake = Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li", which="Tower B 12F unit 1203",
                    what="water dripping from the ceiling", phone="138 0013 8000", received_at=at("2026-11-23 08:00"))
    case_id = record_intake(desk, intake).case.id
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    return case_id


def _chain(desk, case_id) -> list[HistoryEvent]:
    with Session(desk.engine) as s:
        return list(s.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id).order_by(col(HistoryEvent.id))))


def _spawn(target, *args, processes=2, timeout=120) -> list[str]:
    context = multiprocessing.get_context("spawn")  # each desk its own interpreter, engine and connections
    barrier, results = context.Barrier(processes), context.Queue()
    started = [context.Process(target=target, args=(*args, barrier, results)) for _ in range(processes)]
    for p in started:
        p.start()
    for p in started:
        p.join(timeout)
        assert p.exitcode == 0, "a desk's process failed"
    outcomes = []
    while not results.empty():
        outcomes.append(results.get())
    return outcomes


def test_each_case_numbers_its_events_from_one(desk):
    first, second = _case(desk), _case(desk)
    workflow.add_note(desk, first, "the tenant called again")
    assert [e.seq for e in _chain(desk, first)] == [1, 2, 3]
    assert [e.seq for e in _chain(desk, second)] == [1, 2]
    events = _chain(desk, first)
    assert [e.prev_hash for e in events] == ["", events[0].hash, events[1].hash]


def test_two_desks_appending_after_the_same_event_cannot_both_commit(desk, db_url):
    """Two processes read the case's last event, then each appends after it: the database refuses one."""
    case_id = _case(desk)
    with Session(desk.engine) as s:
        actor = s.exec(select(Staff.id).where(Staff.name == "Wang Fang")).one()
    outcomes = _spawn(history_race.append_from_the_tail_read_before, db_url, case_id, actor)
    assert sorted(o.split(":")[0] for o in outcomes) == ["committed", "refused"], outcomes
    [refused] = [o for o in outcomes if o.startswith("refused")]
    assert any(sign in refused for sign in ("uq_history_case_seq", "history.case_id, history.seq")), refused
    assert [e.seq for e in _chain(desk, case_id)] == [1, 2, 3]
    # No fork, so the chain looks untouched (the race appended bare events, without their notes' rows).
    assert check(desk).history == []


def test_two_desks_adding_notes_at_once_leave_one_unbroken_chain(desk, db_url):
    """Through the desk's own operation: every note is either saved in the chain or refused in
    words, never written beside another; on SQLite the write lock serialises them all."""
    case_id = _case(desk)
    outcomes = _spawn(history_race.add_notes, db_url, case_id, 10)
    saved = outcomes.count("saved")
    refused = [o for o in outcomes if o.startswith("conflict")]
    assert saved + len(refused) == 20
    assert all("was changed by another desk at the same moment; nothing was changed" in o for o in refused)
    if db_url.startswith("sqlite"):
        assert refused == []
    events = _chain(desk, case_id)
    assert [e.seq for e in events] == list(range(1, 3 + saved))
    report = check(desk)
    assert report.ok, report.history[:3]


def test_an_append_from_a_stale_tail_is_refused_in_words_and_changes_nothing(desk, monkeypatch):
    """What the operator sees when another desk's event landed between reading the tail and writing."""
    case_id = _case(desk)
    seq, prev = history.tail(Session(desk.engine), case_id)
    workflow.add_note(desk, case_id, "first desk's note")
    monkeypatch.setattr(history, "tail", lambda _session, _case_id: (seq, prev))
    with pytest.raises(Conflict) as refused:
        workflow.add_note(desk, case_id, "second desk's note")
    assert refused.value.message == (f"case {case_id} was changed by another desk at the same moment; "
                                     "nothing was changed")
    monkeypatch.undo()
    assert [e.note for e in _chain(desk, case_id)] == ["", "", "first desk's note"]
    assert check(desk).ok


def test_check_reports_a_gap_in_the_numbering(desk):
    case_id = _case(desk)
    workflow.add_note(desk, case_id, "the tenant called again")
    with Session(desk.engine) as s:
        last = s.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id, HistoryEvent.seq == 3)).one()
        last.seq, event = 4, last.id
        s.add(last)
        s.commit()
    # The number is sealed in the hash and must follow the one before: both say so.
    assert check(desk).history == [f"case {case_id}: history event {event} (note) was changed after it was written",
                                   f"case {case_id}: the history before event {event} (note) was changed or removed"]
