"""Replaying the batch incidents against their cases' histories (part of `deskapp check`).

A case's link to its incident is a field of the case, replayed with the others (upkeep/replay.py).
The incident's own resolution is checked here: an incident is resolved when, and as, the resolve
events of its cases say (desk/incidents.py resolves each linked open case with the incident's number).
"""

from __future__ import annotations

import json

from sqlmodel import Session, col, select

from deskapp.i18n import _
from deskapp.models import HistoryEvent, Incident


def incident_problems(session: Session) -> list[str]:
    told: dict[int, set[str]] = {}
    events = session.exec(select(HistoryEvent.details, HistoryEvent.note).where(
        HistoryEvent.action == "resolve", col(HistoryEvent.details).contains('"incident"'))).all()
    for details, note in events:
        try:
            number = json.loads(details or "{}").get("incident")
        except ValueError:
            continue  # the chain check says the event was changed
        if isinstance(number, int):
            told.setdefault(number, set()).add(note)
    problems = []
    for incident in session.exec(select(Incident).order_by(col(Incident.id))).all():
        said = told.pop(incident.id, set())
        if incident.resolved_at is None and said:
            problems.append(_("incident {number} is not resolved but its cases' histories resolve it").format(
                number=incident.id))
        elif incident.resolved_at is not None and said != {incident.resolution}:
            problems.append(_("incident {number}: its resolution is {kept!r} but its cases' histories say {told} "
                              "(changed without an event)").format(number=incident.id, kept=incident.resolution,
                                                                   told=", ".join(map(repr, sorted(said))) or "–"))
    problems += [_("incident {number} is missing but its cases' histories resolve it: deleted?").format(number=n)
                 for n in sorted(told)]
    return problems
