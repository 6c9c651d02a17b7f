"""Posting a notice: planned outages or works, a cut announced after the event with its apology and
explanation (QP7.3 4.3.3), or a general apology with the plan that puts things right (4.3.4). The
supervisor's writer; reading them is reads.notices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from deskapp.desk.who_may import step_refusal
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.intake import text_problem
from deskapp.domain.notices import NoticeKind, apologises, period_problem
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
               announce_ahead: timedelta | None = None, kind: NoticeKind = NoticeKind.planned,
               apology: str = "", explanation: str = "") -> Posted:
    """Post a notice. Planned works that start sooner than `announce_ahead` are kept, with a warning:
    an emergency shutdown cannot wait, but the supervisor should know the rule was not met. A notice
    after the event, or a general apology, must say its apology and its explanation."""
    typed, topic = topic, topic_named(topic)
    if topic is None:
        raise DeskError(_("{topic} is not a notice topic; use one of: {topics}").format(
            topic=repr(typed.strip().lower()), topics=listed(topic_label(t) for t in topics())), "topic")
    if not title.strip():
        raise DeskError(_("a notice needs a title, for example 'Water off for pipe repair'"), "title")
    _check_texts(title=title, details=details, building=building, floors=floors, apology=apology,
                 explanation=explanation)
    _check_apology(kind, apology, explanation)
    now = desk.now()
    problem = period_problem(kind, starts_at, ends_at, now)
    if problem:
        raise DeskError(*problem)
    with desk.transaction() as session:
        author = staff_named(session, by) if by else default_operator(session)
        denied = step_refusal(session, "notice", author, None, False)
        if denied:
            raise NotAllowed(denied)
        notice = Notice(topic=topic, title=title.strip(), details=details.strip(), building=building.strip(),
                        floors=_floors_text(floors), starts_at=starts_at, ends_at=ends_at,
                        created_at=now, created_by_id=author.id, kind=kind.value, apology=apology.strip(),
                        explanation=explanation.strip())
        session.add(notice)
        session.flush()
    warning = None
    if kind is NoticeKind.planned and announce_ahead is not None and starts_at - now < announce_ahead:
        hours = f"{announce_ahead.total_seconds() / 3600:g}"
        warning = _("notice {number} starts less than {hours} hours from now; the rules ask for {hours} hours' notice").format(
            number=notice.id, hours=hours)
    return Posted(notice, warning)


_TEXT_NAMES = {"title": N_("title"), "details": N_("details"), "building": N_("building"), "floors": N_("floors"),
               "apology": N_("apology"), "explanation": N_("explanation")}


def _check_apology(kind: NoticeKind, apology: str, explanation: str) -> None:
    """4.3.3 and 4.3.4 ask for both: the apology, and what happened or what will be done about it."""
    if not apologises(kind):
        if apology.strip() or explanation.strip():
            raise DeskError(_("an apology and an explanation go with a notice after the event (--after-the-event) "
                              "or a general apology (--general-apology)"), "apology")
        return
    if not apology.strip():
        raise DeskError(_("a notice after the event needs its apology, for example --apology 'We apologise for "
                          "the water cut this morning'") if kind is NoticeKind.after_the_event else
                        _("a general apology needs its apology, for example --apology 'We apologise for the "
                          "cleaning of the washrooms'"), "apology")
    if not explanation.strip():
        raise DeskError(_("a notice after the event needs its explanation: what happened and why, for example "
                          "--explanation 'A city main burst at 07:10; the supply was back at 09:30'")
                        if kind is NoticeKind.after_the_event else
                        _("a general apology needs its explanation: the plan and the measures that put it right, "
                          "for example --explanation 'A second cleaning round at noon from Monday'"), "explanation")


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
