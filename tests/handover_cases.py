"""The Monday day shift that Wang Fang hands over to Zhao Lei: something in every section of the
shift summary (tests/test_handover.py and the handover screen's tests)."""

from __future__ import annotations

from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Channel, Kind, Severity
from deskapp.domain.intake import Intake
from tests.conftest import at

MONDAY_DAY = (at("2026-11-23 08:00"), at("2026-11-23 19:00"))


def _case(desk, kind, received, channel=Channel.phone, severity=None, who="Ms Li", what=None):
    return record_intake(desk, Intake(kind=kind, severity=severity, channel=channel, who=who,
                                      which="Tower B 12F 1203", what=what or f"{who}'s {kind.value}",
                                      phone="13800138000", received_at=at(received))).case.id


def monday(desk) -> dict[str, int]:
    """A day shift with something in every section of the summary, seen at 18:50."""
    ids = {}
    desk.clock.set(at("2026-11-23 19:40"))  # to type the day in; the summary is read at 18:50
    # Friday's general complaint, never forwarded: still open and overdue, not Monday's intake.
    ids["old"] = _case(desk, Kind.complaint, "2026-11-20 09:00", severity=Severity.general, who="Mr Qian")
    # Resolved before the shift; their callbacks fall due Mon 12:00 (in) and Tue 08:30 (after the night).
    for name, resolved in (("cb_due", "2026-11-22 12:00"), ("cb_later", "2026-11-23 08:30")):
        ids[name] = _case(desk, Kind.complaint, "2026-11-20 09:30", severity=Severity.general, who=name)
        workflow.forward(desk, ids[name], "Engineering", at=at("2026-11-20 09:35"))
        workflow.resolve(desk, ids[name], "fixed", by="Xu Ming", at=at(resolved))
    # Monday's intake.
    ids["major_done"] = _case(desk, Kind.complaint, "2026-11-23 09:00", severity=Severity.major, who="Mr Zhang")
    workflow.forward(desk, ids["major_done"], "Engineering", at=at("2026-11-23 09:05"))
    workflow.escalate(desk, ids["major_done"], at=at("2026-11-23 09:10"))
    workflow.notify(desk, ids["major_done"], "Sun Qiang", at=at("2026-11-23 09:15"))
    ids["major_missed"] = _case(desk, Kind.complaint, "2026-11-23 10:00", Channel.visit, Severity.major,
                                who="Ms Zhou")
    ids["repair"] = _case(desk, Kind.repair, "2026-11-23 11:00", Channel.email, who="Ms Wu")
    workflow.forward(desk, ids["repair"], "Engineering", at=at("2026-11-23 11:05"))
    workflow.pause(desk, ids["repair"], "tenant away until Thursday", at=at("2026-11-23 12:00"))
    ids["void"] = _case(desk, Kind.complaint, "2026-11-23 13:00", severity=Severity.minor, who="Mr Void")
    workflow.void(desk, ids["void"], "entered twice", by="Chen Jing", at=at("2026-11-23 13:05"))
    ids["tonight"] = _case(desk, Kind.inquiry, "2026-11-23 19:30", who="Mr Night")  # the next shift's
    desk.clock.set(at("2026-11-23 18:50"))
    return ids
