"""Four resolved cases whose callbacks fall in each group when the desk's clock reads Mon 23 Nov 09:00."""

from __future__ import annotations

from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from tests.conftest import at


def _resolved(desk, kind, severity, received, forwarded, resolved, who, department="Engineering"):
    case_id = record_intake(desk, Intake(kind=kind, severity=severity, who=who, which="Tower B 12F 1203",
                                         what=f"{who}'s problem", phone="13800138000",
                                         received_at=at(received))).case.id
    workflow.forward(desk, case_id, department, at=at(forwarded))
    workflow.resolve(desk, case_id, f"fixed for {who}", by="Xu Ming", at=at(resolved))
    return case_id


def four_callbacks(desk) -> dict[str, int]:
    return {
        # general complaint resolved Fri 10:00: 24 wall-clock hours → Sat 10:00, overdue on Monday
        "overdue": _resolved(desk, Kind.complaint, Severity.general, "2026-11-20 09:00", "2026-11-20 09:05",
                             "2026-11-20 10:00", "Ms Li"),
        # major complaint resolved Sun 12:00 → Mon 12:00, an on-site visit
        "today": _resolved(desk, Kind.complaint, Severity.major, "2026-11-22 10:00", "2026-11-22 10:05",
                           "2026-11-22 12:00", "Mr Zhang"),
        # general complaint resolved Mon 08:30 → Tue 08:30
        "tomorrow": _resolved(desk, Kind.complaint, Severity.general, "2026-11-23 08:00", "2026-11-23 08:05",
                              "2026-11-23 08:30", "Chen Wei", department="Housekeeping"),
        # repair resolved Mon 08:40: 24 working hours → Wed 10:40
        "later": _resolved(desk, Kind.repair, None, "2026-11-23 08:10", "2026-11-23 08:12", "2026-11-23 08:40",
                           "Ms Wu"),
    }
