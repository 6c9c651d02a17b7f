"""Notices of planned outages and works, as shown at intake and listed (posting one is desk.notices).

When a caller asks "why is there no water?", the desk finds the notice for their building and time
and answers at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sqlalchemy import and_, or_
from sqlmodel import col, select

from deskapp.config.intake import apology_shown, notice_topics
from deskapp.config.places import place_key
from deskapp.domain.notices import NoticeKind
from deskapp.i18n import NP_, _, pgettext
from deskapp.models import Notice
from deskapp.store.context import Desk
from deskapp.words import display

# How each kind of notice is named where notices are listed; planned works need no name.
_KINDS = {NoticeKind.after_the_event.value: NP_("notice kind", "after the event"),
          NoticeKind.apology.value: NP_("notice kind", "apology")}


def topics() -> tuple[str, ...]:
    """The topics a notice may have, as stored (policy.toml's [[notices.topic]]): water, power, ..."""
    return notice_topics().topics


def topic_label(topic: str) -> str:
    """A notice's topic as people read it: 'water' / '供水'."""
    return notice_topics().label(topic)


def topic_named(text: str) -> str | None:
    """The stored topic for what was typed: the topic itself or its name in either language."""
    return notice_topics().named(text)


def kind_label(notice: Notice) -> str:
    """'after the event' / '事后说明', 'apology' / '致歉'; '' for planned works."""
    marked = _KINDS.get(notice.kind)
    return pgettext(*marked) if marked else ""


def still_shown(at: datetime):
    """A notice is shown while it is not over, and an apology (after the event, or a general one)
    for apology_days after it was posted as well: tenants read it once the cut is long over."""
    return or_(Notice.ends_at > at,
               and_(Notice.kind != NoticeKind.planned.value, Notice.created_at > at - apology_shown()))


def list_notices(desk: Desk, include_past: bool = False) -> list[Notice]:
    """Notices by start time; without `include_past`, only those still shown (still_shown)."""
    query = select(Notice).order_by(col(Notice.starts_at), col(Notice.id))
    if not include_past:
        query = query.where(still_shown(desk.now()))
    with desk.reading() as session:
        return list(session.exec(query).all())


def matching_notices(desk: Desk, building: str, floor: str, at: datetime, ahead: timedelta) -> list[Notice]:
    """Notices for the caller's building and floor that are under way at `at` or start within `ahead`,
    and the apologies still shown (still_shown): "why was there no water this morning?".

    A notice for every building (empty building) or every floor (empty floors) matches anyone; a
    caller whose floor is not known yet sees every notice for their building.
    """
    with desk.reading() as session:
        rows = session.exec(
            select(Notice)
            .where(still_shown(at), Notice.starts_at <= at + ahead)
            .order_by(col(Notice.starts_at))
        ).all()
    # Matched through the place register, as the repeat-caller panel is: a notice for "B座" is one
    # for a caller in "Tower B" (an unknown building still matches itself, however it is spaced).
    wanted_building = place_key(building, "", "")
    wanted_floor = floor.strip().upper()
    found = []
    for notice in rows:
        if notice.building and place_key(notice.building, "", "") != wanted_building:
            continue
        floors = floors_of(notice)
        if floors and wanted_floor and wanted_floor not in floors:
            continue
        found.append(notice)
    return found


def floors_of(notice: Notice) -> tuple[str, ...]:
    return tuple(f for f in notice.floors.split(",") if f)


def answer_for(notice: Notice, tz: tzinfo, now: datetime) -> str:
    """What the desk tells a caller from this notice: the apology first where there is one (4.3.3)."""
    starts, ends = display.when(notice.starts_at, tz, now), display.when(notice.ends_at, tz, now)
    if notice.kind != NoticeKind.planned.value:
        said = _("{apology} {title} ({starts} to {ends}): {explanation}").format(
            apology=notice.apology, title=notice.title, starts=starts, ends=ends, explanation=notice.explanation)
        return f"{said} {notice.details}" if notice.details else said
    if notice.details:
        return _("{title} ({starts} to {ends}): {details}").format(title=notice.title, starts=starts, ends=ends,
                                                                   details=notice.details)
    return _("{title} ({starts} to {ends})").format(title=notice.title, starts=starts, ends=ends)
