"""Lists to print or send: rows of plain values written as Markdown, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, tzinfo

from deskapp.desk.callback_list import CallbackItem

FORMATS = ("md", "csv", "json")


def callback_rows(items: list[CallbackItem], tz: tzinfo, now: datetime) -> list[dict[str, str]]:
    """One row per callback, with empty columns for the manager to fill in on paper."""
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


def render(rows: list[dict[str, str]], fmt: str, title: str = "") -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        return out.getvalue()
    if fmt == "md":
        lines = [f"# {title}", ""] if title else []
        if not rows:
            return "\n".join(lines + ["Nothing to call back.", ""])
        headers = list(rows[0])
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "---|" * len(headers))
        for row in rows:
            lines.append("| " + " | ".join(_cell(row[h]) for h in headers) + " |")
        return "\n".join(lines) + "\n"
    raise ValueError(f"{fmt!r} is not a format; use one of: {', '.join(FORMATS)}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ") or " "
