"""`deskapp list --overdue` finds the late cases in SQL on the stored due times and gives what working
out every open case's clocks gives, in the evening, at night and on Saturday."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text
from sqlmodel import col, select

from deskapp.domain.enums import OPEN_STATUSES, ClockState
from deskapp.models import Case
from deskapp.reads.overdue import unstamped_query
from deskapp.reads.queries import list_cases
from deskapp.reads.views import build_views
from tests.conftest import at
from tests.queue_cases import INSTANTS, the_desks_day

ALL_BACKENDS = True


def every_clock_worked_out(desk, now) -> list[int]:
    """The open cases with an overdue clock, each case's clocks worked out in Python, most late first."""
    with desk.reading() as session:
        cases = list(session.exec(select(Case).where(col(Case.status).in_(OPEN_STATUSES))).all())
        views = build_views(session, cases, desk.policy, desk.calendar, now)
    late = [v for v in views if any(c.state is ClockState.overdue for c in v.clocks)]
    return [v.case.id for v in sorted(late, key=lambda v: (v.next_clock.due, v.case.id))]


def worked_out_from_rules(desk) -> list[int]:
    with desk.reading() as session:
        return list(session.exec(unstamped_query(select(Case.id).where(col(Case.status).in_(OPEN_STATUSES)),
                                                 desk.policy)).all())


@pytest.mark.parametrize("instant", INSTANTS[:3])
def test_the_overdue_cases_are_those_every_clock_worked_out_gives(desk, instant):
    cases = the_desks_day(desk)
    now = at(instant)
    desk.clock.set(now)
    expected = every_clock_worked_out(desk, now)
    assert cases["late general"] in expected and cases["waiting"] not in expected
    assert [v.case.id for v in list_cases(desk, overdue=True, limit=None)] == expected
    assert [v.case.id for v in list_cases(desk, overdue=True, limit=5)] == expected[:5]
    # Every case carries its clocks (the bulk ones too): none is worked out from the rules.
    assert worked_out_from_rules(desk) == []


def test_a_case_recorded_without_its_clocks_is_still_found_late(desk):
    cases = the_desks_day(desk)
    now = at("2026-11-24 23:00")
    desk.clock.set(now)
    late = cases["late general"]
    with desk.engine.begin() as c:  # as a database made before due times were stored would have it
        c.execute(text("DELETE FROM case_clocks WHERE case_id = :c"), {"c": late})
    assert worked_out_from_rules(desk) == [late]
    assert late in [v.case.id for v in list_cases(desk, overdue=True, limit=None)]
    assert [v.case.id for v in list_cases(desk, overdue=True, limit=None)] == every_clock_worked_out(desk, now)


def test_the_command_lists_them_most_late_first(desk, cli, monkeypatch):
    the_desks_day(desk)
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-24T23:00+08:00")
    code, out, err = cli("list", "--overdue", "--limit", "100000", "--json")
    assert code == 0, err
    assert [c["id"] for c in json.loads(out)] == every_clock_worked_out(desk, at("2026-11-24 23:00"))
