"""Batch incidents as the desk reads them: one incident with its cases and callers, the list of them,
the incident a batch's earlier cases are already in (for intake), and a period's incidents (the month
report). Nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlmodel import Session, col, select

from deskapp.config.places import place_register
from deskapp.domain.batch import caller_key
from deskapp.domain.enums import Status
from deskapp.domain.errors import NotFound
from deskapp.domain.places import place_of
from deskapp.i18n import _, chinese
from deskapp.models import Case, Incident, Staff
from deskapp.store.context import Desk


@dataclass(frozen=True)
class LinkedCase:
    id: int
    who: str
    phone: str
    status: Status
    received_at: datetime
    what: str


@dataclass(frozen=True)
class IncidentView:
    number: int
    opened_at: datetime
    opened_by: str
    place: str  # its floor in the desk's language: "Tower B 12F" / "B座12层"
    place_key: str
    category: str  # the category list's kept name
    resolved_at: datetime | None
    resolved_by: str | None
    resolution: str
    cases: tuple[LinkedCase, ...]  # voided cases left out: they were never a call about it

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def callers(self) -> int:
        """Different callers among its cases, told apart as the batch check tells them (phone, else name)."""
        return len({caller_key(c.phone or c.who, c.id) for c in self.cases})

    def as_json(self, tz: tzinfo) -> dict:
        def shown(t: datetime | None) -> str | None:
            return t.astimezone(tz).isoformat() if t else None

        return {"number": self.number, "opened_at": shown(self.opened_at), "opened_by": self.opened_by,
                "place": self.place, "place_key": self.place_key, "category": self.category,
                "callers": self.callers, "resolved": self.resolved, "resolved_at": shown(self.resolved_at),
                "resolved_by": self.resolved_by, "resolution": self.resolution or None,
                "cases": [{"case": c.id, "who": c.who, "phone": c.phone, "status": c.status.value,
                           "received_at": shown(c.received_at), "what": c.what} for c in self.cases]}


@dataclass(frozen=True)
class IncidentFigures:
    """A period's incidents for the month report: each counted once, with its callers."""

    incidents: tuple[IncidentView, ...] = ()  # opened in the period
    linked_cases: int = 0  # the period's cases (received in it, not voided) that are in an incident
    their_incidents: int = 0  # the incidents those cases are in

    def as_json(self, cases: int, tz: tzinfo) -> dict:
        """`cases`: the report's own count of the period's cases, every call its case, linked or not."""
        return {"count": len(self.incidents), "callers": sum(i.callers for i in self.incidents),
                "linked_cases": self.linked_cases,
                # The period's cases with each incident's linked cases counted as one.
                "cases_counting_each_incident_once": cases - self.linked_cases + self.their_incidents,
                "list": [{"number": i.number, "opened_at": i.opened_at.astimezone(tz).isoformat(), "place": i.place,
                          "category": i.category, "callers": i.callers, "cases": [c.id for c in i.cases],
                          "resolved": i.resolved, "resolution": i.resolution or None} for i in self.incidents]}


def incident_figures(session: Session, start: datetime, end: datetime) -> IncidentFigures:
    linked = session.exec(select(Case.incident_id).where(Case.received_at >= start, Case.received_at < end,
                                                         Case.status != Status.void, col(Case.incident_id).is_not(None))).all()
    return IncidentFigures(tuple(incidents_opened(session, start, end)), len(linked), len(set(linked)))


def incident_view(desk: Desk, number: int) -> IncidentView:
    with desk.reading() as session:
        found = session.get(Incident, number)
        if found is None:
            raise NotFound(no_incident(number))
        return views_in(session, [found])[0]


def incident_list(desk: Desk) -> list[IncidentView]:
    """Every incident, the open ones first, newest first within each."""
    with desk.reading() as session:
        rows = session.exec(select(Incident).order_by(col(Incident.resolved_at).is_not(None),
                                                      col(Incident.opened_at).desc(), col(Incident.id).desc())).all()
        return views_in(session, list(rows))


def incidents_opened(session: Session, start: datetime, end: datetime) -> list[IncidentView]:
    """The incidents opened in [start, end), oldest first: the month report counts each once."""
    rows = session.exec(select(Incident).where(Incident.opened_at >= start, Incident.opened_at < end)
                        .order_by(col(Incident.opened_at), col(Incident.id))).all()
    return views_in(session, list(rows))


def open_incident_of(desk: Desk, case_ids: list[int]) -> int | None:
    """The unresolved incident one of these cases is in (the earliest), or None: where intake links
    the next call of a batch."""
    if not case_ids:
        return None
    with desk.reading() as session:
        return open_incident_among(session, case_ids)


def open_incident_among(session: Session, case_ids: list[int]) -> int | None:
    return session.exec(select(Incident.id).join(Case, col(Case.incident_id) == Incident.id)
                        .where(col(Case.id).in_(case_ids), col(Incident.resolved_at).is_(None))
                        .order_by(col(Incident.id)).limit(1)).first()


def floor_words(building: str, floor: str) -> str:
    """A floor as the desk writes it: "Tower B 12F" / "B座12层"."""
    return place_of(building, floor, "", place_register()).shown(chinese())


def no_incident(number: int) -> str:
    return _("there is no incident {number} (deskapp incidents lists them)").format(number=number)


def views_in(session: Session, incidents: list[Incident]) -> list[IncidentView]:
    """Read in the session given: a writer's own transaction shows what it has just changed."""
    if not incidents:
        return []
    ids = [i.id for i in incidents]
    names = dict(session.exec(select(Staff.id, Staff.name)).all())
    linked: dict[int, list[LinkedCase]] = {}
    rows = session.exec(select(Case.incident_id, Case.id, Case.who, Case.phone, Case.status, Case.received_at, Case.what)
                        .where(col(Case.incident_id).in_(ids), Case.status != Status.void)
                        .order_by(col(Case.received_at), col(Case.id))).all()
    for incident_id, *line in rows:
        linked.setdefault(incident_id, []).append(LinkedCase(*line))
    return [IncidentView(i.id, i.opened_at, names.get(i.opened_by_id, "?"), floor_words(i.building, i.floor),
                         i.place_key, i.category, i.resolved_at, names.get(i.resolved_by_id) if i.resolved_by_id else None, i.resolution,
                         tuple(linked.get(i.id, ()))) for i in incidents]
