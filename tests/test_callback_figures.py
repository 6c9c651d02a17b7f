"""Callback rate and satisfaction, counted from a week built by hand."""

from __future__ import annotations

from deskapp.desk.callbacks import record_callback
from deskapp.domain.enums import AttemptResult, Satisfaction
from deskapp.reads.callback_figures import callback_figures
from tests.callback_cases import four_callbacks
from tests.conftest import at

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one


def test_rates_overall_and_per_department(desk):
    ids = four_callbacks(desk)
    desk.clock.set(at("2026-11-26 12:00"))
    # Ms Li (Engineering, due Sat 10:00) reached late and satisfied; Mr Zhang (Engineering, major,
    # due Mon 12:00) reached on time but only partly satisfied; Chen Wei (Housekeeping, due Tue 08:30)
    # reached on time, satisfied; Ms Wu's repair (Engineering, due Wed 10:40) never reached.
    record_callback(desk, ids["overdue"], AttemptResult.reached, Satisfaction.satisfied, at=at("2026-11-23 09:30"))
    record_callback(desk, ids["today"], AttemptResult.reached, Satisfaction.partly, signed=True, at=at("2026-11-23 11:00"))
    record_callback(desk, ids["tomorrow"], AttemptResult.reached, Satisfaction.satisfied, at=at("2026-11-24 08:00"))
    record_callback(desk, ids["later"], AttemptResult.no_answer, at=at("2026-11-25 09:00"))

    report = callback_figures(desk, at("2026-11-16 00:00"), at("2026-11-30 00:00"))
    overall = report.overall
    assert (overall.due, overall.made, overall.on_time) == (4, 3, 2)
    assert overall.callback_rate == 0.5
    assert overall.satisfaction_rate == 2 / 3
    engineering = report.by_department["Engineering"]
    assert (engineering.due, engineering.on_time, engineering.satisfied, engineering.partly) == (3, 1, 1, 1)
    housekeeping = report.by_department["Housekeeping"]
    assert (housekeeping.callback_rate, housekeeping.satisfaction_rate) == (1.0, 1.0)


def test_a_period_counts_callbacks_by_when_they_fall_due(desk):
    four_callbacks(desk)
    monday = (at("2026-11-23 00:00"), at("2026-11-24 00:00"))
    # Monday 09:00: the major complaint's callback is due at 12:00, neither made nor missed yet.
    assert callback_figures(desk, *monday).overall.due == 0
    desk.clock.set(at("2026-11-23 13:00"))
    report = callback_figures(desk, *monday)
    assert report.overall.due == 1  # only the major complaint's callback is due on Monday
    assert report.overall.callback_rate == 0.0 and report.overall.satisfaction_rate is None


def test_a_callback_made_before_it_falls_due_counts_already(desk):
    ids = four_callbacks(desk)
    record_callback(desk, ids["today"], AttemptResult.reached, Satisfaction.satisfied, signed=True,
                    at=at("2026-11-23 08:55"))
    report = callback_figures(desk, at("2026-11-23 00:00"), at("2026-11-24 00:00"))
    assert (report.overall.due, report.overall.on_time) == (1, 1)  # at 09:00, made for its 12:00 due
