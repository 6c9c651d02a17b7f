"""Notices of planned outages and works, as shown at intake and listed (posting one is desk.notices).

When a caller asks "why is there no water?", the desk finds the notice for their building and time
and answers at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import col, select

from deskapp.config.intake import notice_topics
from deskapp.models import Notice
from deskapp.store.context import Desk


def topics() -> tuple[str, ...]:
    """The topics a notice may have, as stored (policy.toml's [[notices.topic]]): water, power, ..."""
    return notice_topics().topics


def topic_label(topic: str) -> str:
    """A notice's topic as people read it: 'water' / '供水'."""
    return notice_topics().label(topic)


def topic_named(text: str) -> str | None:
    """The stored topic for what was typed: the topic itself or its name in either language."""
    return notice_topics().named(text)


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


