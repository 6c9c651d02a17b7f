"""Posting a notice of planned outages or works: the supervisor's writer (reading them is reads.notices)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from deskapp.desk.who_may import step_refusal
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.intake import text_problem
from deskapp.i18n import N_, _
from deskapp.models import Notice
from deskapp.reads.lookup import default_operator, staff_named
from deskapp.reads.notices import topic_label, topic_named, topics
from deskapp.store.context import Desk
from deskapp.words.wording import listed


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
            topic=repr(typed.strip().lower()), topics=listed(topic_label(t) for t in topics())), "topic")
    if not title.strip():
        raise DeskError(_("a notice needs a title, for example 'Water off for pipe repair'"), "title")
    _check_texts(title=title, details=details, building=building, floors=floors)
    if ends_at <= starts_at:
        raise DeskError(_("the notice must end after it starts"), "ends_at")
    now = desk.now()
    if ends_at <= now:
        raise DeskError(_("the notice ends in the past; there is nothing left to announce"), "ends_at")
    with desk.transaction() as session:
        author = staff_named(session, by) if by else default_operator(session)
        denied = step_refusal(session, "notice", author, None, False)
        if denied:
            raise NotAllowed(denied)
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


_TEXT_NAMES = {"title": N_("title"), "details": N_("details"), "building": N_("building"), "floors": N_("floors")}


def _check_texts(**texts: str) -> None:
    """The same refusal as intake's: no control characters (a notice is shown on every desk's intake
    screen, where an escape sequence would retitle the terminal), and no more than its column holds."""
    for name, text in texts.items():
        length = getattr(Notice.__table__.c[name].type, "length", None)
        said = _(_TEXT_NAMES[name])
        problem = text_problem(text, said, length) if length else text_problem(text, said)
        if problem:
            raise DeskError(problem, name)


def _floors_text(floors: str) -> str:
    # "12F, 13, b1" → "12,13,B1": stored as the floor field of a case is.
    parts = [p.strip().upper().removesuffix("F") for p in floors.replace(";", ",").split(",")]
    return ",".join(p for p in parts if p)
