"""A Tuesday's mixed desk for the tests that compare the stored-due SQL with every clock worked out."""

from __future__ import annotations

from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.generate.bulk import fill_bulk
from tests.conftest import at
from tests.helpers import record

INSTANTS = ("2026-11-24 19:30", "2026-11-24 23:00", "2026-11-28 12:00", "2026-11-30 08:00", "2026-11-30 08:00:30")


def the_desks_day(desk) -> dict[str, int]:
    """A Tuesday's mixed desk: bulk history up to 17:00 and the afternoon's calls, each a different clock."""
    desk.clock.set(at("2026-11-24 17:00"))
    fill_bulk(desk, 600, open_cases=250, pending_callbacks=40, seed=21)
    desk.clock.set(at("2026-11-24 19:30"))
    cases = {
        "late general": record(desk, "2026-11-24 16:00", who="Ms Late"),  # forward was due 16:20
        "major": record(desk, "2026-11-24 19:10", severity=Severity.major, who="Mr Major"),  # wall clock
        "minor": record(desk, "2026-11-24 18:50", severity=Severity.minor, who="Ms Minor"),
        "night": record(desk, "2026-11-24 19:20", who="Mr Night"),  # after hours: the morning
        "inquiry": record(desk, "2026-11-24 18:00", kind=Kind.inquiry, who="Mr Ask"),  # no clock
    }
    asked = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Asked", what="noise", which="Tower B 3F",
                                       received_at=at("2026-11-24 15:00"), requested_by=at("2026-11-28 11:00")))
    cases["requested"] = asked.case.id  # the customer's Saturday 11:00: overdue on Saturday at noon
    promised = record_intake(desk, Intake(kind=Kind.inquiry, who="Mr Promise", what="parking permit", which="Tower A",
                                          received_at=at("2026-11-24 16:30"), promised_by=at("2026-11-24 21:00")))
    cases["promised"] = promised.case.id
    urgent = record_intake(desk, Intake(kind=Kind.repair, who="Ms Lift", what="people trapped in the lift", which="Tower A lift 2",
                                        received_at=at("2026-11-24 19:25"), urgent=True))
    cases["urgent"] = urgent.case.id
    repair = record(desk, "2026-11-24 14:00", kind=Kind.repair, who="Mr Tap", what="tap dripping")
    workflow.forward(desk, repair, "Engineering", at=at("2026-11-24 14:05"))  # arrival due 14:20: late
    cases["repair"] = repair
    waiting = record(desk, "2026-11-24 10:00", who="Ms Away")
    workflow.forward(desk, waiting, "Engineering", at=at("2026-11-24 10:05"))
    workflow.pause(desk, waiting, "customer away", at=at("2026-11-24 11:00"))  # the resolve clock stops
    cases["waiting"] = waiting
    major_waiting = record(desk, "2026-11-24 09:00", severity=Severity.major, who="Mr Hard")
    workflow.forward(desk, major_waiting, "Engineering", at=at("2026-11-24 09:05"))
    workflow.escalate(desk, major_waiting, "told the manager", at=at("2026-11-24 09:30"))
    workflow.pause(desk, major_waiting, "customer away", at=at("2026-11-24 10:00"))  # 48 h never stops
    cases["major waiting"] = major_waiting
    resolved = record(desk, "2026-11-24 11:00", who="Ms Done")
    workflow.forward(desk, resolved, "Engineering", at=at("2026-11-24 11:05"))
    workflow.resolve(desk, resolved, "fixed", at=at("2026-11-24 15:00"))  # the callback clock runs
    cases["callback"] = resolved
    return cases
