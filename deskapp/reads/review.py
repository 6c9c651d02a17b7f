"""The management review's list for a period: the major complaints received in it and the complaints
a supervisor put on the list in it, each with where it stands and the review's conclusion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, or_, select

from deskapp.domain.enums import Kind, Severity, Status
from deskapp.models import Case, HistoryEvent, Staff
from deskapp.store.context import Desk

FLAG, CONCLUSION = "review_flag", "review"  # the two history actions


def on_the_list(session: Session, case: Case) -> bool:
    """A major complaint, or a complaint a supervisor put on the list."""
    if case.kind is not Kind.complaint:
        return False
    if case.severity is Severity.major:
        return True
    return session.exec(select(HistoryEvent.id).where(HistoryEvent.case_id == case.id,
                                                      HistoryEvent.action == FLAG)).first() is not None


@dataclass(frozen=True)
class Reviewed:
    case: Case
    flagged: str | None  # why a supervisor put it on the list; None for a major complaint
    conclusion: str | None
    concluded_by: str | None
    concluded_at: datetime | None

    def as_json(self) -> dict:
        c = self.case
        return {"case": c.id, "severity": c.severity.value if c.severity else None,
                "why": "flagged" if self.flagged is not None else "major", "flagged_because": self.flagged,
                "status": c.status.value, "validity": c.validity.value, "outcome": c.outcome,
                "conclusion": self.conclusion, "concluded_by": self.concluded_by,
                "concluded_at": self.concluded_at.isoformat() if self.concluded_at else None}


def review_list(desk: Desk, start: datetime, end: datetime) -> list[Reviewed]:
    """Major complaints received in [start, end), and complaints flagged in it; oldest first."""
    with desk.reading() as session:
        flags = dict(session.exec(select(HistoryEvent.case_id, HistoryEvent.note).where(
            HistoryEvent.action == FLAG, HistoryEvent.at >= start, HistoryEvent.at < end)).all())
        cases = session.exec(select(Case).where(
            Case.kind == Kind.complaint, Case.status != Status.void,
            or_(col(Case.id).in_(list(flags) or [-1]),
                (Case.severity == Severity.major) & (Case.received_at >= start) & (Case.received_at < end)))
            .order_by(col(Case.received_at), col(Case.id))).all()
        ids = [c.id for c in cases]
        last: dict[int, tuple[str, str, datetime]] = {}
        for case_id, note, name, at in session.exec(
                select(HistoryEvent.case_id, HistoryEvent.note, Staff.name, HistoryEvent.at)
                .join(Staff, col(Staff.id) == HistoryEvent.actor_id)
                .where(HistoryEvent.action == CONCLUSION, col(HistoryEvent.case_id).in_(ids or [-1]))
                .order_by(col(HistoryEvent.id))).all():
            last[case_id] = (note, name, at)
    found = []
    for c in cases:
        note, name, at = last.get(c.id, (None, None, None))
        found.append(Reviewed(c, flags.get(c.id) if c.severity is not Severity.major else None, note, name, at))
    return found
