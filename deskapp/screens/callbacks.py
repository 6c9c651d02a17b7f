"""The callback list: overdue, due today, due tomorrow and later, and recording each attempt."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from deskapp.domain.enums import CallbackMethod, ClockState, Counting, Kind, Severity
from deskapp.i18n import N_, _, ngettext, pgettext
from deskapp.output.missed_sheet import missed_sheet
from deskapp.output.sheets import callback_sheet
from deskapp.reads.callback_list import CallbackItem, Due, MissedCall, due_label, missed_calls, pending_callbacks
from deskapp.screens.callback_record import RecordCallback
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk
from deskapp.widgets.deadline import DEADLINE_CLASSES, state_style
from deskapp.widgets.footer import DeskFooter
from deskapp.words import deadline, display
from deskapp.words.labels import label
from deskapp.words.phone import missed_call_words
from deskapp.words.widths import cells, clip
from deskapp.words.wording import kind_words, listed

_GROUP_STYLE = {Due.overdue: ClockState.overdue, Due.today: ClockState.due_soon, Due.tomorrow: ClockState.on_time,
                Due.later: ClockState.on_time}
# The filters cycle through these with one key each.
_METHODS = (None, CallbackMethod.phone, CallbackMethod.on_site)
_KINDS = (None, Kind.complaint, Kind.repair)
_SEVERITIES = (None, Severity.major, Severity.general, Severity.minor)
# The customer (name, phone, where) straight after the case number: at 80 columns the columns after
# the first sixty cells are off the screen, and the customer and their phone are what a caller needs.
HEADINGS = (N_("due"), N_("#"), N_("customer"), deadline.LEFT_OR_LATE, N_("who calls"), N_("method"), N_("tries"), N_("case"))


@dataclass
class CallbacksLoaded(Message, bubble=False):
    items: list[CallbackItem]
    missed: list[MissedCall]


class CallbacksScreen(PassesOnWorkerFailures, Screen):
    CSS_PATH = "callbacks.tcss"
    COMPONENT_CLASSES = DEADLINE_CLASSES
    BINDINGS = [
        Binding("enter", "record", N_("Record attempt"), id="callbacks.record", priority=True,
                tooltip=N_("Record a call to the customer")),
        Binding("m", "toggle_mine", N_("Mine"), id="callbacks.toggle_mine",
                tooltip=N_("Only my callbacks, or everyone's")),
        Binding("p", "cycle_method", N_("Method"), id="callbacks.cycle_method", show=False,
                tooltip=N_("Filter by the next method")),
        Binding("k", "cycle_kind", N_("Kind"), id="callbacks.cycle_kind", show=False,
                tooltip=N_("Filter by the next kind")),
        Binding("s", "cycle_severity", N_("Severity"), id="callbacks.cycle_severity", show=False,
                tooltip=N_("Filter by the next severity")),
        Binding("e", "export('md')", N_("Export"), id="callbacks.export",
                tooltip=N_("Write the list as a Markdown sheet")),
        Binding("c", "export('csv')", N_("Export .csv"), id="callbacks.export_csv", show=False,
                tooltip=N_("Write the list as a CSV file")),
        Binding("r", "refresh", N_("Refresh"), id="callbacks.refresh", tooltip=N_("Read the callbacks again")),
        Binding("escape", "app.pop_screen", N_("Back"), id="callbacks.back", tooltip=N_("Back to the shift's screen")),
    ]

    # The filters: each change shows the list again (the watchers below); the list itself is read
    # when the screen is shown (on_screen_resume), so not at mount.
    mine = var(False, init=False)
    method: var[CallbackMethod | None] = var(None, init=False)
    kind: var[Kind | None] = var(None, init=False)
    severity: var[Severity | None] = var(None, init=False)

    def __init__(self, desk: Desk, operator: str | None, export_dir: Path | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.export_dir = export_dir or Path.cwd()
        self.items: list[CallbackItem] = []
        self.missed: list[MissedCall] = []  # rows after the cases': callers who rang and got nobody
        self.rows_placed_at = 0.0  # perf_counter when rows last went into the table (benchmarks read it)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="callbacks-counts", markup=False)
        yield Static("", id="callbacks-filters", markup=False)
        yield DataTable(id="callbacks-table", cursor_type="row", zebra_stripes=True)
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Callbacks")

    def on_screen_resume(self) -> None:
        self.action_refresh()  # each time the list is shown, first time included

    def action_refresh(self) -> None:
        self._show_filters()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def load(self) -> None:
        items = pending_callbacks(self.desk, caller=self.operator if self.mine else None, method=self.method,
                                  kind=self.kind, severity=self.severity)
        # A missed call is the desk's to ring back: no manager, kind or severity to filter it by.
        filtered = self.mine or self.kind or self.severity or self.method not in (None, CallbackMethod.phone)
        self.post_message(CallbacksLoaded(items, [] if filtered else missed_calls(self.desk)))

    @on(CallbacksLoaded)
    def _loaded(self, event: CallbacksLoaded) -> None:
        self.show(event.items, event.missed)

    def show(self, items: list[CallbackItem], missed: list[MissedCall] = ()) -> None:
        self.items, self.missed = items, list(missed)
        table = self.query_one(DataTable)
        keep = table.cursor_row
        tz, now = self.desk.calendar.tz, self.desk.now()
        rows = []
        for item in items:
            c = item.case
            style = state_style(self, _GROUP_STYLE[item.group])
            mark = deadline.symbol(_GROUP_STYLE[item.group])
            left = deadline.short_lateness(item.clock)
            # How many calls so far: "0" / "0 次", then "1 no answer" / "1 次，无人接听".
            tries = pgettext("callback tries", "{n}").format(n=item.attempts)
            if item.last_result:
                tries = _("{n} {result}").format(n=item.attempts, result=label(item.last_result))
            if item.last_result and item.callback.next_try_at:  # a failed try says when the next one is
                tries = _("{tries}; next {time}").format(tries=tries, time=display.weekday_time(item.callback.next_try_at, tz))
            rows.append(((
                Text(f"{mark} {due_label(item.group)}", style=style),
                str(c.id),
                # Where 80 columns show it; the number first and never cut (customer_cell).
                Text(customer_cell(c.who, c.which, c.phone, 46)),
                Text(left, style=style),
                Text(listed(caller.name or label(caller.role) for caller in item.callers)),
                label(item.callback.method),
                tries,
                Text(clip(_("{kind}: {what}").format(kind=kind_words(c.kind, c.severity), what=c.what), 50)),
            ), str(item.callback.id)))
        rows += [self._missed_row(call, tz, now) for call in self.missed]
        self._fill(table, rows)
        if rows:
            table.move_cursor(row=min(keep, len(rows) - 1))
        self.rows_placed_at = time.perf_counter()
        counts = {group: sum(1 for i in (*items, *self.missed) if i.group is group) for group in Due}
        summary = " · ".join(pgettext("callback count", "{n} {group}").format(n=n, group=due_label(group))
                             for group, n in counts.items())
        if self.missed:
            summary += " · " + ngettext("☎ {n} missed call", "☎ {n} missed calls", len(self.missed)).format(n=len(self.missed))
        to_call = ngettext("({n} to call at {time})", "({n} to call at {time})", len(rows)).format(
            n=len(rows), time=display.weekday_time(now, tz))
        self.query_one("#callbacks-counts", Static).update(Text(f"{summary}  {to_call}"))

    def _missed_row(self, missed: MissedCall, tz, now) -> tuple[tuple, str]:
        """A missed call in the cases' columns: no case number (☎ instead), the desk rings back."""
        call, style = missed.call, state_style(self, _GROUP_STYLE[missed.group])
        what = missed_call_words()
        if call.missed_again:
            what += " " + _("(+{n} more)").format(n=call.missed_again)
        return ((
            Text(f"{deadline.symbol(_GROUP_STYLE[missed.group])} {due_label(missed.group)}", style=style),
            "☎",
            Text(customer_cell(missed.known_as, "", call.number, 46)),
            Text(deadline.short_left_or_late(missed.left, Counting.working), style=style),
            Text(_("the desk")),
            label(CallbackMethod.phone),
            _("rang {time}").format(time=display.weekday_time(call.ring_at, tz)),
            Text(what),
        ), f"call-{call.id}")

    @staticmethod
    def _fill(table: DataTable, rows: list[tuple[tuple, str]]) -> None:
        """Columns as wide as their widest cell, measured in terminal cells, set with the rows.

        DataTable widens auto-width columns only when it next goes idle, and a kept screen shown
        again may not: its columns stayed as narrow as their headings ('16小', 'Wu Gan')."""
        headings = [_(heading) for heading in HEADINGS]
        widths = [cells(h) for h in headings]
        for cells_of_row, _key in rows:
            for i, cell in enumerate(cells_of_row):
                widths[i] = max(widths[i], cells(cell.plain if isinstance(cell, Text) else str(cell)))
        table.clear(columns=True)
        for heading, width in zip(headings, widths, strict=True):
            table.add_column(heading, width=width)
        for cells_of_row, key in rows:
            table.add_row(*cells_of_row, key=key)

    def _show_filters(self) -> None:
        anything = pgettext("filter", "any")
        whose = _("mine ({name})").format(name=self.operator) if self.mine else _("everyone's")
        text = _("Showing {whose} · method: {method} · kind: {kind} · severity: {severity}").format(
            whose=whose, method=label(self.method) or anything, kind=label(self.kind) or anything,
            severity=label(self.severity) or anything)
        keys = _("(m mine · p method · k kind · s severity · e export .md · c export .csv)")
        self.query_one("#callbacks-filters", Static).update(Text(f"{text}   {keys}", style="dim"))

    def _selected(self) -> CallbackItem | MissedCall | None:
        table = self.query_one(DataTable)
        rows = [*self.items, *self.missed]
        if not rows or table.cursor_row < 0:
            return None
        return rows[min(table.cursor_row, len(rows) - 1)]

    def action_record(self) -> None:
        item = self._selected()
        if item is None:
            self.notify(_("no callback selected"), severity="warning")
            return
        if isinstance(item, MissedCall):  # the phone system closes it: the call back that is answered
            self.notify(_("Ring {number} back from the desk phone: once they answer, the call log takes the "
                          "missed call off this list.").format(number=item.call.number), markup=False)
            return

        def done(saved: bool | None) -> None:
            if saved:
                self.notify(_("callback for case {number} recorded").format(number=item.case.id), markup=False)
                self.action_refresh()

        self.app.push_screen(RecordCallback(self.desk, item, self.operator), done)

    def action_toggle_mine(self) -> None:
        self.mine = not self.mine

    def action_cycle_method(self) -> None:
        self.method = _next(_METHODS, self.method)

    def action_cycle_kind(self) -> None:
        self.kind = _next(_KINDS, self.kind)

    def action_cycle_severity(self) -> None:
        self.severity = _next(_SEVERITIES, self.severity)

    def _filter_changed(self) -> None:
        self.action_refresh()

    watch_mine = watch_method = watch_kind = watch_severity = _filter_changed

    def action_export(self, fmt: str) -> None:
        now = self.desk.now()
        tz = self.desk.calendar.tz
        path = self.export_dir / f"callbacks-{now.astimezone(tz):%Y%m%d-%H%M}.{fmt}"
        title = _("Callbacks at {time}").format(time=f"{now.astimezone(tz):%Y-%m-%d %H:%M}")
        text = callback_sheet(self.items, tz, now, fmt, title)
        if fmt == "md" and self.missed:  # the paper list has every call to make, as `deskapp callbacks` prints it
            text += "\n" + missed_sheet(self.missed, tz, now, fmt, _("Missed calls to call back at {time}").format(
                time=f"{now.astimezone(tz):%Y-%m-%d %H:%M}"))
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as e:
            self.notify(_("could not write {path}: {reason}").format(path=path, reason=e.strerror), severity="error",
                        markup=False)
            return
        n = len(self.items) + (len(self.missed) if fmt == "md" else 0)
        self.notify(ngettext("{n} callback written to {path}", "{n} callbacks written to {path}", n).format(n=n, path=path),
                    markup=False)


def _next(cycle: tuple, current):
    return cycle[(cycle.index(current) + 1) % len(cycle)]


def customer_cell(who: str, which: str, phone: str, width: int) -> str:
    """'18227024298 · Ms Li · Tower B 12F 1203': the number first and always whole (the one thing the
    caller must read right); the name and place after it, clipped by terminal cells (a Chinese name
    takes two per character), and the clip shows as '…'."""
    rest = " · ".join(x for x in (who, which) if x)
    if not phone:
        return clip(rest, width)
    if not rest:
        return phone
    return f"{phone} · {clip(rest, max(width - cells(phone) - 3, 4))}"
