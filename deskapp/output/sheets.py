"""Lists to print or send: rows of plain values written as Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, tzinfo

from deskapp.domain.enums import CallbackMethod
from deskapp.i18n import NP_, _, pgettext
from deskapp.models import Case
from deskapp.reads.callback_list import CallbackItem, Caller, due_label
from deskapp.words import display
from deskapp.words.labels import label
from deskapp.words.safe import cell_text, json_safe, visible_line
from deskapp.words.wording import kind_words

FORMATS = ("md", "csv", "json")

# The printed callback list's columns: the JSON key (an interface: English identifiers in every
# language) and the heading people read in Markdown and CSV.
CALLBACK_COLUMNS = (
    ("case", NP_("callback list", "case")),
    ("due", NP_("callback list", "due")),
    ("group", NP_("callback list", "group")),
    ("name", NP_("callback list", "name")),
    ("unit", NP_("callback list", "unit")),
    ("phone", NP_("callback list", "phone")),
    ("case summary", NP_("callback list", "case summary")),
    ("what was done", NP_("callback list", "what was done")),
    ("who calls", NP_("callback list", "who calls")),
    ("method", NP_("callback list", "method")),
    ("attempts", NP_("callback list", "attempts")),
    ("outcome", NP_("callback list", "outcome")),
    ("signature", NP_("callback list", "signature")),
)


def place_text(case: Case) -> str:
    """Where the caller is: the Which as typed, else building, floor and unit."""
    if case.which:
        return case.which
    floor = _("{floor}F").format(floor=case.floor) if case.floor else ""
    return " ".join(x for x in (case.building, floor, case.unit) if x)


def callback_rows(items: list[CallbackItem], tz: tzinfo, now: datetime) -> list[dict[str, str]]:
    """One row per callback, keyed by the JSON names, with stable values for scripts."""
    rows = []
    for item in items:
        c = item.case
        rows.append({
            "case": str(c.id),
            "due": f"{item.callback.due_at.astimezone(tz):%Y-%m-%d %H:%M}",
            "group": item.group.value,
            "name": ", ".join(x for x in (c.who, c.company) if x),
            "unit": c.which or " ".join(x for x in (c.building, c.floor and f"{c.floor}F", c.unit) if x),
            "phone": c.phone,
            "case summary": f"{c.kind.value}{f' ({c.severity.value})' if c.severity else ''}: {c.what}",
            "what was done": f"{c.outcome} ({item.resolved_by}, {c.resolved_at.astimezone(tz):%d %b %H:%M})" if c.resolved_at else c.outcome,
            "who calls": "; ".join(str(caller) for caller in item.callers),
            "method": item.callback.method.value.replace("_", " "),
            "attempts": str(item.attempts),
            "outcome": "",
            "signature": "" if item.callback.method.value == "on_site" else "n/a",
        })
    return rows


def _caller_text(caller: Caller) -> str:
    if caller.name:
        return _("{role}: {name}").format(role=label(caller.role), name=caller.name)
    return _("{role}: (nobody named)").format(role=label(caller.role))


def callback_table(items: list[CallbackItem], tz: tzinfo, now: datetime) -> list[dict[str, str]]:
    """One row per callback for people, headed and worded in the desk's language, with empty
    columns for the manager to fill in on paper."""
    rows = []
    for item in items:
        c = item.case
        done = c.outcome
        if c.resolved_at:
            done = _("{outcome} ({by}, {time})").format(outcome=c.outcome, by=item.resolved_by,
                                                        time=display.when(c.resolved_at, tz, now))
        values = (
            str(c.id),
            f"{item.callback.due_at.astimezone(tz):%Y-%m-%d %H:%M}",
            due_label(item.group),
            _(", ").join(x for x in (c.who, c.company) if x),
            place_text(c),
            c.phone,
            _("{kind}: {what}").format(kind=kind_words(c.kind, c.severity), what=c.what),
            done,
            _("; ").join(_caller_text(caller) for caller in item.callers),
            label(item.callback.method),
            str(item.attempts),
            "",
            "" if item.callback.method is CallbackMethod.on_site else _("n/a"),
        )
        rows.append({pgettext(*heading): value for (_key, heading), value in zip(CALLBACK_COLUMNS, values)})
    return rows


def callback_headings() -> list[str]:
    return [pgettext(*heading) for _key, heading in CALLBACK_COLUMNS]


def callback_sheet(items: list[CallbackItem], tz: tzinfo, now: datetime, fmt: str, title: str = "") -> str:
    """The callback list as a file: JSON for scripts (English keys), Markdown or CSV for people."""
    if fmt == "json":
        return render(callback_rows(items, tz, now), "json")
    rows = callback_table(items, tz, now)
    if fmt == "csv" and not rows:  # the headings alone, for a spreadsheet to open
        out = io.StringIO()
        csv.writer(out).writerow(callback_headings())
        return out.getvalue()
    return render(rows, fmt, title)


def render(rows: list[dict[str, str]], fmt: str, title: str = "") -> str:
    if fmt == "json":
        return json_safe(json.dumps(rows, ensure_ascii=False, indent=2)) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: cell_text(v) for k, v in row.items()} for row in rows)
        return out.getvalue()
    if fmt == "md":
        lines = [f"# {title}", ""] if title else []
        if not rows:
            return "\n".join(lines + [_("Nothing to call back."), ""])
        headers = list(rows[0])
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "---|" * len(headers))
        for row in rows:
            lines.append("| " + " | ".join(_cell(row[h]) for h in headers) + " |")
        return "\n".join(lines) + "\n"
    raise ValueError(_("{format!r} is not a format; use one of: {allowed}").format(format=fmt, allowed=", ".join(FORMATS)))


def _cell(text: str) -> str:
    return visible_line(text.replace("|", "\\|").replace("\n", " ")) or " "
