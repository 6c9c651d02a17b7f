"""The missed calls on the printed callback list: who rang and got nobody, and by when to ring back.

A missed call has no case yet, so it is a list of its own beside the cases' callbacks, with its own
columns: the JSON keys stay English identifiers (an interface), the headings are the desk's words.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, tzinfo

from deskapp.domain.enums import Counting
from deskapp.i18n import NP_, pgettext
from deskapp.output.sheets import render
from deskapp.reads.callback_list import MissedCall, due_label
from deskapp.words import deadline, display

MISSED_COLUMNS = (
    ("call", NP_("missed calls", "call")),
    ("due", NP_("missed calls", "due")),
    ("group", NP_("missed calls", "group")),
    ("phone", NP_("missed calls", "phone")),
    ("name", NP_("missed calls", "known as")),
    ("rang", NP_("missed calls", "rang")),
    ("missed again", NP_("missed calls", "missed again")),
    ("left", NP_("missed calls", "left")),
    ("outcome", NP_("missed calls", "outcome")),
)


def _values(item: MissedCall, tz: tzinfo, now: datetime, for_people: bool) -> tuple[str, ...]:
    call = item.call
    return (
        str(call.id),
        f"{call.callback_due_at.astimezone(tz):%Y-%m-%d %H:%M}",
        due_label(item.group) if for_people else item.group.value,
        call.number,
        item.known_as,
        display.when(call.ring_at, tz, now) if for_people else f"{call.ring_at.astimezone(tz):%Y-%m-%d %H:%M}",
        str(call.missed_again),
        deadline.left_or_late(item.left, Counting.working),
        "",  # filled in on paper: reached, no answer, wrong number
    )


def missed_rows(items: list[MissedCall], tz: tzinfo, now: datetime) -> list[dict[str, str]]:
    """One row per missed call, keyed by the JSON names."""
    return [dict(zip((key for key, _ in MISSED_COLUMNS), _values(i, tz, now, False), strict=True)) for i in items]


def missed_table(items: list[MissedCall], tz: tzinfo, now: datetime) -> list[dict[str, str]]:
    """One row per missed call for people: headed and worded in the desk's language."""
    headings = [pgettext(*heading) for _, heading in MISSED_COLUMNS]
    return [dict(zip(headings, _values(i, tz, now, True), strict=True)) for i in items]


def missed_sheet(items: list[MissedCall], tz: tzinfo, now: datetime, fmt: str, title: str = "") -> str:
    """The missed calls as a file: JSON for scripts, Markdown or CSV for people."""
    if fmt == "json":
        return render(missed_rows(items, tz, now), "json")
    rows = missed_table(items, tz, now)
    if fmt == "csv" and not rows:  # the headings alone, for a spreadsheet to open
        out = io.StringIO()
        csv.writer(out).writerow([pgettext(*heading) for _, heading in MISSED_COLUMNS])
        return out.getvalue()
    if fmt == "md" and not rows:
        return f"# {title}\n\n" + pgettext("missed calls", "No missed calls to call back.") + "\n"
    return render(rows, fmt, title)
