"""Notices of planned outages and works, kept by the supervisor and shown at intake.

When a caller asks "why is there no water?", the desk finds the notice for their building and time
and answers at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import col, select

from deskapp.desk.context import Desk
from deskapp.desk.errors import DeskError
from deskapp.desk.lookup import default_operator, staff_named
from deskapp.desk.wording import listed
from deskapp.i18n import NP_, _, every_language, pgettext
from deskapp.models import Notice

TOPICS = ("water", "power", "lift", "cleaning", "other")  # as stored
_TOPIC_NAMES = {
    "water": NP_("notice topic", "water"),
    "power": NP_("notice topic", "power"),
    "lift": NP_("notice topic", "lift"),
    "cleaning": NP_("notice topic", "cleaning"),
    "other": NP_("notice topic", "other"),
}


def topic_label(topic: str) -> str:
    """A notice's topic as people read it: 'water' / '供水'."""
    marked = _TOPIC_NAMES.get(topic)
    return pgettext(*marked) if marked else topic


def topic_named(text: str) -> str | None:
    """The stored topic for what was typed: the topic itself or its name in either language."""
    wanted = text.strip().lower()
    for topic, marked in _TOPIC_NAMES.items():
        if wanted == topic or wanted in {name.lower() for name in every_language(*marked)}:
            return topic
    return None


@dataclass(frozen=True)
class Posted:
    notice: Notice
    warning: str | None  # said to the supervisor when the notice is later than the rules ask


def add_notice(desk: Desk, topic: str, title: str, starts_at: datetime, ends_at: datetime, *,
               building: str = "", floors: str = "", details: str = "", by: str | None = None,
               announce_ahead: timedelta | None = None) -> Posted:
    """Post a notice. One that starts sooner than `announce_ahead` is kept, with a warning: an
    emergency shutdown cannot wait, but the supervisor should know the rule was not met."""
    typed, topic = topic, topic_named(topic)
    if topic is None:
        raise DeskError(_("{topic} is not a notice topic; use one of: {topics}").format(
            topic=repr(typed.strip().lower()), topics=listed(topic_label(t) for t in TOPICS)), "topic")
    if not title.strip():
        raise DeskError(_("a notice needs a title, for example 'Water off for pipe repair'"), "title")
    if ends_at <= starts_at:
        raise DeskError(_("the notice must end after it starts"), "ends_at")
    now = desk.now()
    if ends_at <= now:
        raise DeskError(_("the notice ends in the past; there is nothing left to announce"), "ends_at")
    with desk.transaction() as session:
        author = staff_named(session, by) if by else default_operator(session)
        notice = Notice(topic=topic, title=title.strip(), details=details.strip(), building=building.strip(),
                        floors=_floors_text(floors), starts_at=starts_at, ends_at=ends_at,
                        created_at=now, created_by_id=author.id)
        session.add(notice)
        session.flush()
    warning = None
    if announce_ahead is not None and starts_at - now < announce_ahead:
        hours = f"{announce_ahead.total_seconds() / 3600:g}"
        warning = _("notice {number} starts less than {hours} hours from now; the rules ask for {hours} hours' notice").format(
            number=notice.id, hours=hours)
    return Posted(notice, warning)


def list_notices(desk: Desk, include_past: bool = False) -> list[Notice]:
    """Notices by start time; without `include_past`, only those not yet over."""
    query = select(Notice).order_by(col(Notice.starts_at), col(Notice.id))
    if not include_past:
        query = query.where(Notice.ends_at > desk.now())
    with desk.reading() as session:
        return list(session.exec(query).all())


def matching_notices(desk: Desk, building: str, floor: str, at: datetime, ahead: timedelta) -> list[Notice]:
    """Notices for the caller's building and floor that are under way at `at` or start within `ahead`.

    A notice for every building (empty building) or every floor (empty floors) matches anyone; a
    caller whose floor is not known yet sees every notice for their building.
    """
    with desk.reading() as session:
        rows = session.exec(
            select(Notice)
            .where(Notice.ends_at > at, Notice.starts_at <= at + ahead)
            .order_by(col(Notice.starts_at))
        ).all()
    wanted_building = building.strip().lower()
    wanted_floor = floor.strip().upper()
    found = []
    for notice in rows:
        if notice.building and notice.building.lower() != wanted_building:
            continue
        floors = floors_of(notice)
        if floors and wanted_floor and wanted_floor not in floors:
            continue
        found.append(notice)
    return found


def floors_of(notice: Notice) -> tuple[str, ...]:
    return tuple(f for f in notice.floors.split(",") if f)


def _floors_text(floors: str) -> str:
    # "12F, 13, b1" → "12,13,B1": stored as the floor field of a case is.
    parts = [p.strip().upper().removesuffix("F") for p in floors.replace(";", ",").split(",")]
    return ",".join(p for p in parts if p)
