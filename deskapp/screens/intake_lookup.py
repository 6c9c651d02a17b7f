"""Intake's lookups: what the desk already knows about the caller (their cases, others' calls alike,
the notices for their building), asked for once typing pauses and shown in the side panels."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static

from deskapp.domain.batch import Report
from deskapp.domain.intake import phone_problem
from deskapp.i18n import N_, _
from deskapp.models import Notice
from deskapp.reads import callers, notices
from deskapp.reads.incidents import open_incident_of
from deskapp.widgets.caller_panel import CallerPanel, open_cases_warning
from deskapp.widgets.intake_form import IntakeForm
from deskapp.widgets.notices_panel import NoticesPanel

# Interface timings, not desk policy: the caller is looked up once typing pauses this long (not per key).
LOOKUP_DELAY = 0.25
LOOKUP_FIELDS = {"phone", "which", "category", "kind", "received_at"}
# Below the intake's narrow width the side panels (caller, notices, scripts) leave the form its room:
# they take the form's place while one of them is in use (ctrl+r, ctrl+f), and ctrl+g or Esc brings
# the form back. This line says so, or that the caller already has open cases.
PANELS_HIDDEN = N_("Panels hidden: ctrl+r caller's cases · ctrl+f scripts, notices · Esc back")


@dataclass
class LookedUp(Message, bubble=False):
    """What the desk knows about the caller so far: their cases, others' calls alike, notices."""

    history: callers.CallerHistory | None  # None until a phone or a whole unit is typed
    batch: list[Report]
    category: str
    found: list[Notice]
    call: int  # the call it was asked for (IntakeScreen._call): a later call's form does not show it
    incident: int | None = None  # the open incident the batch's earlier calls are in, if any


class LooksUpCaller:
    """Mixin for the intake screen, which provides `desk`, `book` (the scripts, with the lookups'
    settings), `_call_open`, `_call` (the call on the form), `_lookup_timer` and `show_batch`
    (intake_incident.LinksToIncident)."""

    def _look_up_soon(self) -> None:
        if not self._call_open:  # the form built ahead, before its first call: nobody to look up
            return
        if self._lookup_timer is not None:
            self._lookup_timer.stop()
        self._lookup_timer = self.set_timer(LOOKUP_DELAY, self._look_up)

    def _look_up(self) -> None:
        form = self.query_one(IntakeForm)
        values, reading = form.values(), form.check()
        phone = values["phone"] if values["phone"].strip() and not phone_problem(values["phone"]) else ""
        received = reading.times.get("received_at") or self.desk.now()
        self.look_up(phone, *reading.place, values["category"] if values["kind"] == "complaint" else "",
                     phone or values["who"], received, self._call)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-lookup")
    def look_up(self, phone, building, floor, unit, category, caller, received, call) -> None:
        known = phone or (building and floor and unit)
        history = callers.caller_history(self.desk, phone, building, floor, unit, self.book.recent) if known else None
        batch = callers.batch_check(self.desk, building, floor, category, caller, self.book.batch)
        found = notices.matching_notices(self.desk, building, floor, received, self.book.show_ahead) if building else []
        incident = open_incident_of(self.desk, [r.case_id for r in batch if r.case_id is not None]) if batch else None
        self.post_message(LookedUp(history, batch, category, found, call, incident))

    def on_looked_up(self, event: LookedUp) -> None:  # by name: @on is not seen on a mixin
        if event.call != self._call:  # asked during a call since saved or left: not this caller's
            return
        tz, now = self.desk.calendar.tz, self.desk.now()
        self._show_caller(event.history, self.book.recent.days)
        self.show_batch(event.batch, event.category, event.incident)  # intake_incident.py: ctrl+k links the call
        self.query_one(NoticesPanel).show(event.found, tz, now)

    def _show_caller(self, history: callers.CallerHistory | None, days: int = 30) -> None:
        # The hint line stands in for the hidden panel on a narrow screen: a repeat caller is said there.
        self.caller_history = history
        self.query_one(CallerPanel).show(history, self.desk.calendar.tz, self.desk.now(), days)
        self.query_one("#narrow-hint", Static).update(Text(open_cases_warning(history) or _(PANELS_HIDDEN)))

    def _clear_lookups(self) -> None:
        """A new call: no caller, no calls alike, no notices."""
        self._show_caller(None)
        self.show_batch([], "", None)
        self.query_one(NoticesPanel).show([], self.desk.calendar.tz, self.desk.now())
