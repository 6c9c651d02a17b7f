"""The courtesy the manuals ask at intake, counted for a period: the complaints whose caller was
apologised to first (QP7.3 4.2.3 a) and the calls closed with the thanks (SOP 1.7). Never writes.

Counted over the period's own cases, voided ones left out, as the report's other counts are. A case
recorded before the desk asked (schema 0018: both null) is not counted either way: the share is of
the cases for which the read-back asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, func, select

from deskapp.domain.enums import Kind, Status
from deskapp.models import Case


@dataclass(frozen=True)
class CourtesyFigures:
    complaints: int = 0  # complaints received in the period whose read-back asked for the apology
    apologised: int = 0  # of them, the caller apologised to first
    calls: int = 0  # every case received in the period whose read-back asked for the thanks
    thanked: int = 0

    @property
    def apology_share(self) -> float | None:
        """The complaints with the apology given, as a share of those asked; None with no complaint."""
        return self.apologised / self.complaints if self.complaints else None

    @property
    def thanks_share(self) -> float | None:
        return self.thanked / self.calls if self.calls else None


def courtesy_figures(session: Session, start: datetime, end: datetime) -> CourtesyFigures:
    """One grouped query over the period's cases (the received_at index)."""
    query = (select(Case.kind, Case.apologised, Case.thanked, func.count())
             .where(Case.received_at >= start, Case.received_at < end, Case.status != Status.void,
                    col(Case.thanked).is_not(None))
             .group_by(Case.kind, Case.apologised, Case.thanked))
    complaints = apologised = calls = thanked = 0
    for kind, apology, thanks, n in session.exec(query).all():
        calls += n
        thanked += n if thanks else 0
        if kind is Kind.complaint:
            complaints += n
            apologised += n if apology else 0
    return CourtesyFigures(complaints, apologised, calls, thanked)


def courtesy_json(f: CourtesyFigures) -> dict:
    """The month report's "courtesy" key: the counts and the two shares (None when nothing to share)."""
    return {"complaints_asked": f.complaints, "apology_given": f.apologised, "apology_share": f.apology_share,
            "calls_asked": f.calls, "thanked": f.thanked, "thanks_share": f.thanks_share}
