"""The queue ordered, filtered and counted in SQL on the stored due times says exactly what working
out every open case's clocks in Python says: the same order, the same state per case, the same
counts, in the evening, at night and on Saturday, and after a case changes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from deskapp.desk import workflow
from deskapp.domain.enums import ClockState, Kind, Severity
from deskapp.reads.queue import QueueFilter, count, line_at, load_open, order_key
from deskapp.reads.queue_keys import insert_keys, load_open_keys
from deskapp.reads.queue_tally import Tally
from tests.conftest import at
from tests.queue_cases import INSTANTS, the_desks_day

ALL_BACKENDS = True


def python_queue(desk, now):
    """How the queue was worked out before: every open case's clocks, sorted."""
    desk.clock.set(now)
    entries, _marker = load_open(desk)
    lines = [line_at(e, desk.policy, desk.calendar, now) for e in entries]
    return sorted(lines, key=order_key)


def sql_queue(desk, now):
    desk.clock.set(now)
    keys, _marker, names = load_open_keys(desk, now)
    return keys, Tally(keys, desk.policy, desk.calendar), names


@pytest.mark.parametrize("instant", INSTANTS)
def test_the_sql_order_states_and_counts_are_those_of_every_clock_worked_out(desk, instant):
    cases = the_desks_day(desk)
    now = at(instant)
    lines = python_queue(desk, now)
    keys, tally, _names = sql_queue(desk, now)
    assert [k.case_id for k in keys] == [line.entry.case.id for line in lines]
    assert [tally.state(k, now) for k in keys] == [line.state for line in lines]
    assert tally.counts(now) == count(lines)
    states = {line.entry.case.id: line.state for line in lines}
    assert states[cases["waiting"]] is ClockState.waiting
    assert states[cases["major waiting"]] is not ClockState.waiting  # waiting never stops the 48 hours
    if instant.startswith("2026-11-24"):  # the evening's mix: overdue, due soon, on time, waiting
        assert {ClockState.overdue, ClockState.due_soon, ClockState.on_time, ClockState.waiting} <= set(states.values())


def test_the_counts_follow_the_clock_second_by_second_without_reloading(desk):
    the_desks_day(desk)
    start = at("2026-11-24 18:55")
    keys, tally, _names = sql_queue(desk, start)
    for minutes in (0, 5, 6, 20, 65, 300, 780, 781, 4000):
        now = start + timedelta(minutes=minutes, seconds=7)
        lines = python_queue(desk, now)
        # Waiting cases' moving dues are placed at the load; the states and counts are of `now`.
        assert sorted(tally.state(k, now) or "" for k in keys) == sorted(line.state or "" for line in lines), minutes
        assert tally.counts(now) == count(lines), minutes


def test_the_filters_on_keys_choose_the_lines_the_python_filters_chose(desk):
    the_desks_day(desk)
    now = at("2026-11-24 23:00")
    lines = python_queue(desk, now)
    keys, tally, names = sql_queue(desk, now)
    for chosen in (QueueFilter(kind=Kind.repair), QueueFilter(severity=Severity.major), QueueFilter(after_hours=True),
                   QueueFilter(state=ClockState.overdue), QueueFilter(state=ClockState.due_soon),
                   QueueFilter(state=ClockState.on_time), QueueFilter(state=ClockState.waiting),
                   QueueFilter(department="Engineering"), QueueFilter(owner=lines[0].entry.owner)):
        expected = [line.entry.case.id for line in lines if chosen.matches(line)]
        assert expected, chosen
        assert [k.case_id for k in keys if chosen.admits(k, tally.state(k, now), names, None)] == expected, chosen
        assert chosen.admitted(keys, lambda k: tally.state(k, now), names, None) == expected, chosen


def test_a_search_over_every_key_at_once_finds_what_each_line_matched(desk):
    """The queue filters 50,000 open cases at a key press: all of them at once (`admitted`), the
    same cases, in the same order, as the filter asked line by line."""
    the_desks_day(desk)
    now = at("2026-11-24 23:00")
    lines = python_queue(desk, now)
    keys, tally, names = sql_queue(desk, now)
    words = {line.entry.case.id: (line.entry.haystack, line.entry.case.phone) for line in lines}
    phone = next(line.entry.case.phone for line in lines if line.entry.case.phone)
    searches = [QueueFilter(text=word) for word in ("water", "Tower B", "no such words", phone[-4:], phone[:3] + " " + phone[3:6])]
    searches += [QueueFilter(kind=Kind.repair, text="tower"), QueueFilter(state=ClockState.overdue, text="b")]
    for chosen in searches:
        expected = [line.entry.case.id for line in lines if chosen.matches(line)]
        assert chosen.admitted(keys, lambda k: tally.state(k, now), names, words) == expected, chosen
    assert QueueFilter(text="water").admitted(keys, lambda k: None, names, words), "the day has a leak to find"


def test_a_changed_case_takes_its_new_place(desk):
    cases = the_desks_day(desk)
    now = at("2026-11-24 19:30")
    keys, _tally, _names = sql_queue(desk, now)
    workflow.forward(desk, cases["late general"], "Engineering", at=now)  # its next clock: resolve, 24 working h
    workflow.resume(desk, cases["waiting"], at=now)
    changed = [cases["late general"], cases["waiting"], cases["night"]]
    fresh, _marker, _names = load_open_keys(desk, now, ids=changed)
    keys = insert_keys(keys, fresh, changed)
    assert [k.case_id for k in keys] == [line.entry.case.id for line in python_queue(desk, now)]
