"""Bulk-generated cases carry their clocks as a real intake stores them: the same due times, starts
and mirrored met times the desk's own planning gives, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import col, select

from deskapp.desk.clocks import _met_at
from deskapp.domain.clocks_stored import plan_clocks, rules_versions
from deskapp.generate.bulk import fill_bulk
from deskapp.models import Case, CaseClock
from deskapp.reads.views import facts_of, pauses_of

ALL_BACKENDS = True


def test_every_bulk_case_has_the_clocks_its_facts_start_due_as_planned(desk):
    fill_bulk(desk, 1_200, open_cases=300, pending_callbacks=100, seed=11)
    versions = rules_versions(desk.policy, desk.calendar)
    with desk.reading() as session:
        cases = session.exec(select(Case).order_by(col(Case.id))).all()
        pauses = pauses_of(session, [c.id for c in cases])
        stored: dict[int, dict] = {}
        for row in session.exec(select(CaseClock)):
            stored.setdefault(row.case_id, {})[row.name] = row
    assert sum(len(rows) for rows in stored.values()) > len(cases)  # forwarding, resolving, callbacks...
    for case in cases:
        facts = facts_of(case, pauses.get(case.id, []))
        planned = plan_clocks(facts, desk.policy, desk.calendar, desk.now())
        rows = stored.get(case.id, {})
        assert set(rows) == set(planned), case.id
        for name, plan in planned.items():
            row = rows[name]
            assert (row.started_at, row.due_at, row.counting, row.allowance_us, row.waited_us, row.basis,
                    row.pausable) == (plan.start, plan.due, plan.counting, plan.allowance // timedelta(microseconds=1),
                                      0, plan.basis.value, plan.pausable), (case.id, name)
            assert row.met_at == _met_at(name, facts, plan.start), (case.id, name)
            assert (row.policy_version, row.calendar_version) == versions
