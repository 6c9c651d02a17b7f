"""Cases as JSON for scripts and as Rich text for people."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from deskapp.domain.enums import Kind
from deskapp.i18n import NP_, _, ngettext, pgettext
from deskapp.words import deadline, display
from deskapp.words.coordination import paid_text, price_text
from deskapp.words.history import event_words
from deskapp.words.incidents import incident_words
from deskapp.words.labels import action_label, label
from deskapp.words.safe import visible, visible_line
from deskapp.words.widths import cells
from deskapp.words.wording import kind_words

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from deskapp.models import Case
    from deskapp.reads.queries import CaseDetail
    from deskapp.reads.views import CaseView
    from deskapp.store.context import Desk

# Rich is imported by the functions that print for people: `deskapp add --json` never loads it.

_FIELDS = (
    "channel", "category", "who", "company", "which", "building", "floor", "unit", "what", "why", "how",
    "phone", "special_requests", "after_hours", "validity", "validity_reason", "outcome", "reopen_count",
    "flagged", "void_reason", "version", "urgent", "outside_party",
)
_TIMES = (
    "received_at", "appointment_at", "requested_by", "promised_by", "validity_at", "forwarded_at",
    "acknowledged_at", "escalated_at", "arrived_at", "resolved_at", "reopened_at", "callback_at",
    "explained_at", "analysed_at", "voided_at", "outside_party_at", "contacted_at",
)


def case_json(view: CaseView, desk: Desk) -> dict:
    c, tz = view.case, desk.calendar.tz
    data = {"id": c.id, "kind": c.kind.value, "severity": c.severity.value if c.severity else None, "status": c.status.value}
    data |= {name: getattr(c, name) for name in _FIELDS}
    data["channel"] = c.channel.value
    data["validity"] = c.validity.value
    data |= {name: display.iso(getattr(c, name), tz) for name in _TIMES}
    data |= {"received_by": view.owner, "department": view.department, "assignee": view.assignee}
    data["due"] = {k.name.value: display.iso(k.due, tz) for k in view.clocks}
    data["state"] = {k.name.value: k.state.value for k in view.clocks}
    # Schema 0015: the chases, and a repair's paid or free work with its quoted price (None: not said).
    data |= {"chases": c.chase_count, "paid": c.paid, "price": price_text(c.price_cents) or None}
    # Schema 0018: the apology a complaint opens with and the thanks at the end (None: recorded before the desk asked).
    data |= {"apologised": c.apologised, "thanked": c.thanked}
    data["incident"] = c.incident_id  # schema 0017: the batch incident the case is in, or None
    data["clocks"] = [
        {
            "name": k.name.value,
            "state": k.state.value,
            "start": display.iso(k.start, tz),
            "due": display.iso(k.due, tz),
            "counting": k.counting.value,
            "allowance_minutes": k.allowance.total_seconds() / 60,
            "paused_minutes": k.waited.total_seconds() / 60,  # the --json key as it has always been
            "left_minutes": None if k.left is None else k.left.total_seconds() / 60,
            "met_at": display.iso(k.met_at, tz),
            "basis": k.basis.value,
            "explained": display.explain(k, tz),
        }
        for k in view.clocks
    ]
    return data


def detail_json(detail: CaseDetail, desk: Desk) -> dict:
    tz = desk.calendar.tz
    data = case_json(detail.view, desk)
    data["history"] = [
        {"at": display.iso(h.at, tz), "recorded_at": display.iso(h.recorded_at, tz), "by": h.actor,
         "action": h.action, "changes": h.changes, "note": h.note, "details": h.details, "seq": h.seq,
         "said": event_words(h, tz)}
        for h in detail.history
    ]
    data["actions"] = action_json(detail.view.case.id, desk)
    data["callbacks"] = [
        {"round": cb.round, "due": display.iso(cb.due_at, tz), "callers": cb.callers.split(",") if cb.callers else [],
         "method": cb.method.value, "failed_attempts": cb.failed_attempts, "next_try": display.iso(cb.next_try_at, tz),
         "done_at": display.iso(cb.done_at, tz), "satisfaction": cb.satisfaction.value if cb.satisfaction else None}
        for cb in detail.callbacks
    ]
    return data


def headline(view: CaseView) -> Text:
    from rich.text import Text

    c = view.case
    who = _(", ").join(x for x in (c.who, c.company, c.which) if x) or c.phone or _("unknown caller")
    return Text.assemble((_("Case {number}").format(number=c.id), "bold"),
                         f" · {visible_line(kind_words(c.kind, c.severity))} · {label(c.status)} · ", visible_line(who))


def _pad(text: str, width: int, align: str = "left") -> str:
    """At least `width` terminal cells (a Chinese character takes two); never cut."""
    room = " " * max(0, width - cells(text))
    return room + text if align == "right" else text + room


def clocks_text(view: CaseView, desk: Desk, now: datetime) -> Text:
    from rich.text import Text

    tz = desk.calendar.tz
    text = Text()
    for k in view.clocks:
        mark = deadline.symbol(k.state)
        line = f"{mark} {_pad(label(k.name), 9)} {_pad(display.when(k.due, tz, now), 18)} {_pad(deadline.word(k.state), 9)}"
        if k.running:
            line += " " + deadline.lateness(k)
        text.append(line + "\n", style=deadline.rich_style(k.state))
        text.append(f"    {display.explain(k, tz)}\n", style="dim")
    return text


def print_case(console: Console, view: CaseView, desk: Desk) -> None:
    console.print(headline(view))
    console.print(clocks_text(view, desk, desk.now()), end="")


def print_detail(console: Console, detail: CaseDetail, desk: Desk) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from deskapp.output.sheets import place_text

    view, tz, now = detail.view, desk.calendar.tz, desk.now()
    c = view.case
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    received = display.when(c.received_at, tz, now)
    validity = label(c.validity)
    for name, value in (
        (_("Who"), _(", ").join(x for x in (c.who, c.company) if x)),
        (_("Phone"), c.phone),
        (_("When"), _("{time} (after hours)").format(time=received) if c.after_hours else received),
        (_("Which"), place_text(c)),
        (_("What"), c.what),
        (_("Why"), c.why),
        (_("How"), c.how),
        (_("Requested by"), display.when(c.requested_by, tz, now)),
        (_("Special requests"), c.special_requests),
        (_("Owner"), view.owner),
        (_("Department"), " / ".join(x for x in (view.department, view.assignee) if x)),
        (_("Validity"), _("{validity}: {reason}").format(validity=validity, reason=c.validity_reason) if c.validity_reason else ""),
        (_("Outcome"), c.outcome),
        (_("Work"), paid_text(c.paid, c.price_cents)),
        (_("Courtesy"), courtesy_text(c)),
        (_("Chased"), ngettext("{n} time", "{n} times", c.chase_count).format(n=c.chase_count) if c.chase_count else ""),
        (_("Incident"), incident_words(c.incident_id)),
        (_("Flagged"), c.flagged),
        (_("Voided"), c.void_reason),
    ):
        if value:
            facts.add_row(name, Text(visible(str(value))))  # stored text: never an escape sequence raw
    log = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    for column in (pgettext("history", "when"), pgettext("history", "by"), pgettext("history", "what"),
                   pgettext("history", "note")):
        log.add_column(column)
    for h in detail.history:
        log.add_row(display.when(h.at, tz, now), Text(visible_line(h.actor)), action_label(h.action),
                    Text(visible(event_words(h, tz))))
    console.print(Panel(Group(facts, Text(""), clocks_text(view, desk, now), actions_text(c.id, desk), log),
                        title=headline(view)))


def courtesy_text(c: Case) -> str:
    """'apologised first · thanked the caller' / 'apology not given · not thanked'; the apology for a
    complaint only, and nothing for a case recorded before the desk asked (schema 0018)."""
    if c.thanked is None:
        return ""
    parts = [_("apologised first") if c.apologised else _("apology not given")] if c.kind is Kind.complaint else []
    parts.append(_("thanked the caller") if c.thanked else _("not thanked"))
    return " · ".join(parts)


def action_json(case_id: int, desk: Desk) -> list[dict]:
    """The case's actions and follow-ups for `show --json` (reads/action_figures.py)."""
    from deskapp.reads.action_figures import case_actions

    tz = desk.calendar.tz
    return [{"clock": x.clock.name.value, "number": x.number, "what": x.what, "owner": x.owner,
             "due": display.iso(x.clock.due, tz), "state": x.clock.state.value, "done_at": display.iso(x.clock.met_at, tz),
             "result": x.result, "set_by": x.added_by, "done_by": x.done_by} for x in case_actions(desk, case_id)]


def actions_text(case_id: int, desk: Desk) -> Text:
    """'action 1 · Xu Ming · replace the riser valve · due Thu 17:00 · ⚠ overdue', a line each."""
    from rich.text import Text

    from deskapp.reads.action_figures import case_actions

    tz, now = desk.calendar.tz, desk.now()
    text = Text()
    for x in case_actions(desk, case_id):
        head = _("{clock} {number}").format(clock=label(x.clock.name), number=x.number)
        parts = [head, x.owner, x.what, _("due {time}").format(time=display.when(x.clock.due, tz, now))]
        text.append(" · ".join(visible_line(p) for p in parts if p) + " · ")
        text.append(f"{deadline.symbol(x.clock.state)} {deadline.word(x.clock.state)}\n",
                    style=deadline.rich_style(x.clock.state))
    return text


# The list's columns: fixed ones keep their width; the free-text ones give way on a narrow terminal.
_HEADERS = (NP_("case list", "received"), NP_("case list", "kind"), NP_("case list", "status"),
            NP_("case list", "who / which"), NP_("case list", "what"), NP_("case list", "next due"))


def _fit(sizes: list[int], room: int) -> None:
    """Narrow the columns, the deadline first and never the case number, until the line fits: left to
    Rich, every column would shrink alike and the number would be cut to '…'."""
    order = [len(sizes) - 1, *range(len(sizes) - 2, 0, -1)]  # next due, then the others right to left
    for i in order:
        over = sum(sizes) - room
        if over <= 0:
            return
        least = 14 if i == len(sizes) - 1 else 4
        sizes[i] -= min(over, max(0, sizes[i] - least))


def case_table(views: list[CaseView], desk: Desk, width: int) -> Table:
    """One line per case; only the free-text columns give way on a narrow terminal.

    Widths are terminal cells: a Chinese character takes two."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    tz, now = desk.calendar.tz, desk.now()
    rows = []
    for v in views:
        c, nxt = v.case, v.next_clock
        due = Text("")
        if nxt is not None:
            due = Text(f"{deadline.symbol(nxt.state)} {label(nxt.name)} {deadline.lateness(nxt)}",
                       style=deadline.rich_style(nxt.state))
        rows.append([str(c.id), display.when(c.received_at, tz, now), visible_line(kind_words(c.kind, c.severity)),
                     label(c.status), Text(visible_line(" · ".join(x for x in (c.who, c.which) if x))),
                     Text(visible_line(c.what)), due])
    headers = ["#", *(pgettext(*h) for h in _HEADERS)]
    fixed = [max([cells(h)] + [cells(str(r[i])) for r in rows]) for i, h in enumerate(headers)]
    room = width - sum(fixed[i] for i in (0, 1, 2, 3, 6)) - 2 * len(headers)
    if room < 20:
        # Too narrow for everything: the received time gives way, never the case number or its deadline.
        del headers[1], fixed[1]
        rows = [row[:1] + row[2:] for row in rows]
        room = width - sum(fixed[i] for i in (0, 1, 2, 5)) - 2 * len(headers)
    free = [len(headers) - 3, len(headers) - 2]  # who / which, what
    room = max(16, room)
    fixed[free[0]] = min(fixed[free[0]], room * 2 // 5)
    fixed[free[1]] = min(fixed[free[1]], room - fixed[free[0]])
    _fit(fixed, width - 2 * len(headers))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", padding=(0, 1, 0, 0))
    for i, (header, size) in enumerate(zip(headers, fixed)):
        # What still does not fit is taken from the other columns: the case number is what the reader
        # types next (`deskapp show 42`), so it is never cut.
        table.add_column(header, width=size + 1, min_width=size + 1 if i == 0 else None, no_wrap=True,
                         overflow="ellipsis", justify="right" if i == 0 else "left")
    for row in rows:
        table.add_row(*row)
    return table
