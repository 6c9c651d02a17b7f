"""Batch incidents: several callers about one problem in one place, handled as one (issue 19, item 4).

Each call stays its own case, and each step on the incident is an event in the history of every case
it touches, in one transaction:
- `open_incident`: from the cases the batch check found (same floor, same category), each linked;
- `link_case` / `unlink_case`: one more call joins it, or a call that was not about it leaves;
- `resolve_incident`: once; its one outcome resolves every linked open case through the desk's own
  resolve (who may resolve, pauses ended, each case's callback then due as normal: each caller is
  called back about their own case).
A case names its incident in `cases.incident_id` (a case is in one incident at most), so `deskapp
check` replays the link from each case's history like any other field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session, col, select

from deskapp.config.categories import category_list
from deskapp.config.places import place_key
from deskapp.desk import workflow
from deskapp.desk.operation import Operation, on_case, plain_text, required
from deskapp.domain.enums import Status
from deskapp.domain.errors import Conflict, DeskError, NotAllowed, NotFound
from deskapp.i18n import N_, _
from deskapp.models import Case, Incident
from deskapp.reads.incidents import IncidentView, floor_words, no_incident, open_incident_among, views_in
from deskapp.reads.lookup import default_operator, staff_named
from deskapp.reads.views import CaseView, build_views
from deskapp.store.context import Desk

LINK, UNLINK = "incident", "incident_unlink"  # the operations and their history actions
_OPEN = (Status.received, Status.forwarded, Status.in_progress, Status.waiting)  # what resolve accepts


def open_incident(desk: Desk, case_ids: list[int], by: str | None = None, at: datetime | None = None) -> IncidentView:
    """One incident for these cases, about the first one's floor and category; each case is linked."""
    if not case_ids:
        raise DeskError(_("name the cases of the incident: deskapp incident open CASE [CASE ...]"))
    if len(set(case_ids)) != len(case_ids):
        raise DeskError(_("a case is named twice; name each case of the incident once"))
    with desk.transaction() as session:
        first = session.get(Case, case_ids[0])
        if first is None:
            raise NotFound(_("there is no case {number}").format(number=case_ids[0]))
        actor = staff_named(session, by) if by else default_operator(session)
        incident = Incident(opened_at=at or desk.now(), opened_by_id=actor.id, place_key=_floor_key(first),
                            building=first.building, floor=first.floor, category=category_list().key(first.category))
        session.add(incident)
        session.flush()  # its number, for the cases' histories
        for case_id in sorted(case_ids):  # locked in one order by every desk: two openings never deadlock
            with on_case(desk, LINK, case_id, by, at) as op:
                _same_problem(op.case, incident)
                _link(op, incident, opened=True)
        return views_in(session, [incident])[0]


def link_case(desk: Desk, case_id: int, number: int, by: str | None = None, at: datetime | None = None) -> CaseView:
    """One more call about an incident still open joins it."""
    with on_case(desk, LINK, case_id, by, at) as op:
        incident = _incident_for_change(op.session, number)
        if incident.resolved_at is not None:
            raise NotAllowed(_("incident {number} is resolved; a new call about it is a case of its own, "
                               "or opens a new incident").format(number=number))
        _link(op, incident)
        return op.view()


def unlink_case(desk: Desk, case_id: int, note: str = "", by: str | None = None, at: datetime | None = None) -> CaseView:
    """A call linked by mistake leaves its incident, which must still be open; the note says why."""
    with desk.transaction() as session:
        # The incident is locked before the case, in the order its resolution locks them: on PostgreSQL an
        # unlink and a resolution of the same incident then wait for each other instead of deadlocking.
        linked = session.exec(select(Case.incident_id).where(Case.id == case_id)).first()
        incident = _incident_for_change(session, linked) if linked is not None else None
        with on_case(desk, UNLINK, case_id, by, at) as op:
            note = plain_text(note, N_("note"))
            if op.case.incident_id is None:
                raise NotAllowed(_("case {number} is not linked to an incident").format(number=case_id))
            if incident is None or op.case.incident_id != incident.id:
                raise Conflict(_("case {number} was changed by another desk; reloaded, please check").format(number=case_id))
            if incident.resolved_at is not None:
                raise NotAllowed(_("incident {number} is resolved: its cases were resolved with it and stay "
                                   "linked").format(number=incident.id))
            op.log(UNLINK, op.change(incident_id=None), note, {"incident": incident.id})
            return op.view()


def resolve_incident(desk: Desk, number: int, outcome: str, by: str | None = None,
                     at: datetime | None = None) -> IncidentView:
    """The incident's one resolution: every linked open case is resolved with it, each through the desk's
    resolve (its own event, its callback due as usual); all of them or, if one may not be, none."""
    with desk.transaction() as session:
        incident = _incident_for_change(session, number)
        if incident.resolved_at is not None:
            raise NotAllowed(_("incident {number} was already resolved at {time}: it is resolved once").format(
                number=number, time=f"{incident.resolved_at.astimezone(desk.calendar.tz):%Y-%m-%d %H:%M}"))
        outcome = required(outcome, N_("outcome"))
        open_ids = session.exec(select(Case.id).where(Case.incident_id == number, col(Case.status).in_(_OPEN))
                                .order_by(col(Case.id))).all()
        if not open_ids:
            raise NotAllowed(_("incident {number} has no open case to resolve").format(number=number))
        actor = staff_named(session, by) if by else default_operator(session)
        for case_id in open_ids:
            workflow.resolve(desk, case_id, outcome, by=by, at=at, incident=number)
        incident.resolved_at, incident.resolved_by_id, incident.resolution = at or desk.now(), actor.id, outcome
        session.add(incident)
        session.flush()
        return views_in(session, [incident])[0]


def with_incident(desk: Desk, record: Callable[[], CaseView], earlier: list[int],
                  by: str | None = None) -> CaseView:
    """Intake's save with "link to incident": the call is recorded and linked in one transaction, to the
    open incident one of the batch's earlier cases is in, or to a new one opened from them all."""
    with desk.batch() as session:
        view = record()
        number = open_incident_among(session, earlier) if earlier else None
        if number is not None:
            return link_case(desk, view.case.id, number, by=by)
        # The batch check counts closed calls too (the same leak reported this morning and answered);
        # the incident opens with those still open and in no other incident, and this one.
        free = session.exec(select(Case.id).where(col(Case.id).in_(earlier), col(Case.status).in_(_OPEN),
                                                  col(Case.incident_id).is_(None)).order_by(col(Case.id))).all()
        open_incident(desk, [*free, view.case.id], by=by)
        case = session.get(Case, view.case.id)
        return build_views(session, [case], desk.policy, desk.calendar, desk.now())[0]


def _link(op: Operation, incident: Incident, opened: bool = False) -> None:
    if op.case.incident_id is not None:
        raise NotAllowed(_("case {number} is already in incident {incident} (deskapp incident show {incident})").format(
            number=op.case.id, incident=op.case.incident_id))
    op.log(LINK, op.change(incident_id=incident.id), "", {"incident": incident.id} | ({"opened": True} if opened else {}))


def _incident_for_change(session: Session, number: int) -> Incident:
    """The incident, locked until the commit (PostgreSQL; SQLite's transaction holds the write lock)."""
    found = session.get(Incident, number, with_for_update=True, populate_existing=True)
    if found is None:
        raise NotFound(no_incident(number))
    return found


def _same_problem(case: Case, incident: Incident) -> None:
    """The cases an incident opens with are the batch check's: the same floor, the same category."""
    if _floor_key(case) != incident.place_key or category_list().key(case.category) != incident.category:
        raise DeskError(_("case {number} is about {category} at {place}, not {incident_category} at {incident_place}: "
                          "an incident opens with the cases of one problem in one place").format(
            number=case.id, category=case.category or "–", place=floor_words(case.building, case.floor) or "–",
            incident_category=incident.category or "–",
            incident_place=floor_words(incident.building, incident.floor) or "–"))


def _floor_key(case: Case) -> str:
    return place_key(case.building, case.floor, "")
