"""The call log as printed by `deskapp calls`: aligned lines, or JSON for scripts."""

from __future__ import annotations

from datetime import datetime, tzinfo

from deskapp.i18n import _, pgettext
from deskapp.reads.calls import CallLine
from deskapp.words import display
from deskapp.words.phone import direction_label, missed_call_words, outcome_label, seconds
from deskapp.words.widths import fit


def headers() -> tuple[str, ...]:
    # "outcome" and "call back" are also a case's words (处理结果, 回访); the call log's own are 结果, 回电.
    return (_("rang"), _("dir"), _("number"), _("answered by"), _("ring"), _("talk"), pgettext("call log", "outcome"),
            _("case"), pgettext("call log", "call back"))


_WIDTHS = (16, 4, 16, 12, 6, 6, 12, 6, 0)


def call_row(c: CallLine, tz: tzinfo, now: datetime) -> tuple[str, ...]:
    return (display.when(c.ring_at, tz, now), direction_label(c.direction), c.number, c.answered_by or "",
            seconds(c.ring_seconds), seconds(c.talk_seconds), outcome_label(c.outcome),
            f"#{c.case_id}" if c.case_id else "", callback_words(c, tz, now))


def callback_words(c: CallLine, tz: tzinfo, now: datetime) -> str:
    if c.callback_done_at is not None:
        return _("called back {time}").format(time=display.when(c.callback_done_at, tz, now))
    if c.callback_due_at is None:
        return ""
    said = _("{entry} by {due}").format(entry=missed_call_words(), due=display.when(c.callback_due_at, tz, now))
    if c.missed_again:
        said += " " + _("(+{n} more)").format(n=c.missed_again)
    return said


def call_lines(calls: list[CallLine], tz: tzinfo, now: datetime) -> str:
    rows = [headers()] + [call_row(c, tz, now) for c in calls]
    text = "\n".join("  ".join(fit(cell, w) if w else cell for cell, w in zip(row, _WIDTHS)).rstrip() for row in rows)
    return text + "\n"


def call_json(c: CallLine, tz: tzinfo) -> dict:
    return {
        "call_id": c.call_id, "direction": c.direction.value, "number": c.number, "from": c.from_number,
        "to": c.to_number, "users": list(c.users), "answered_by": c.answered_by,
        "ring_at": display.iso(c.ring_at, tz), "answered_at": display.iso(c.answered_at, tz),
        "hung_up_at": display.iso(c.hung_up_at, tz), "cause": c.cause.value if c.cause else None,
        "outcome": c.outcome.value, "ring_seconds": c.ring_seconds, "talk_seconds": c.talk_seconds,
        "case": c.case_id, "callback_due_at": display.iso(c.callback_due_at, tz),
        "callback_done_at": display.iso(c.callback_done_at, tz), "missed_again": c.missed_again,
    }
