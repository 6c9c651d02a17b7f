"""A time corrected after the call moves the clock it sets, as it would have at intake: the customer's
requested deadline (resolve), the desk's promise (answer) and the appointment (arrival), each with
before → after in the amend event, as the desk's day (Shanghai; the command line's now is Tue 12:00)."""

from __future__ import annotations

import json

from tests.test_amend_urgent import last_event

ALL_BACKENDS = True
MINOR = ("add", "--kind", "complaint", "--severity", "minor", "--who", "Ms Li", "--which", "Tower B 12F 1203",
         "--what", "corridor bins overflow every afternoon", "--received", "2026-11-24T11:00+08:00")


def test_a_minor_complaints_requested_time_corrected_later_moves_its_resolve_deadline(cli, db_url):
    code, out, err = cli(*MINOR, "--json")
    assert code == 0, err
    usual = json.loads(out)["due"]["resolve"]
    code, out, err = cli("amend", "1", "--requested", "2026-11-24T17:00+08:00", "--reason", "she asked for today", "--json")
    assert code == 0, err
    assert json.loads(out)["due"]["resolve"] == "2026-11-24T17:00:00+08:00" != usual  # the minor rule: it replaces
    changes = json.loads(last_event(db_url).changes)
    assert "requested_by" in changes and "due_resolve" in changes


def test_a_promise_corrected_later_runs_the_answer_clock_to_it(cli, db_url):
    assert cli(*MINOR)[0] == 0
    code, out, err = cli("amend", "1", "--promised", "2026-11-25T10:00+08:00", "--reason", "we said tomorrow 10:00",
                         "--json")
    assert code == 0, err
    assert json.loads(out)["due"]["answer"] == "2026-11-25T10:00:00+08:00"
    event = last_event(db_url)  # a clock that starts with the correction is recorded as started
    assert json.loads(event.details)["clocks"]["answer"].startswith("2026-11-25T02:00")


def test_a_correction_of_the_what_moves_no_clock(cli, db_url):
    assert cli(*MINOR)[0] == 0
    code, _out, err = cli("amend", "1", "--what", "corridor bins on 12F overflow", "--reason", "typed short")
    assert code == 0, err
    assert not [k for k in json.loads(last_event(db_url).changes) if k.startswith("due_")]
