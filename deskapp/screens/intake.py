"""Intake: the 5W1H form the receptionist fills while the caller is talking.

The screen gathers what is typed, shows what the desk knows about the caller, and calls the desk's
services in workers, which answer by message. It keeps the form as a draft while the operator types,
so nothing is lost (intake_draft.py); a call can also be answered on the spot or attached to one of
the caller's cases (intake_answers.py). A save the database does not take leaves the form as typed.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Select, Static

from deskapp.config.courtesy import shipped_courtesy
from deskapp.config.scripts import shipped_scripts
from deskapp.desk.incidents import with_incident
from deskapp.desk.intake import (
    answer_on_the_spot,
    record_and_forward,
    record_intake,
)
from deskapp.domain.intake import Intake
from deskapp.i18n import N_, _
from deskapp.reads import callers
from deskapp.reads.views import CaseView
from deskapp.screens import retry
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.screens.intake_answers import AnswersOnTheSpot
from deskapp.screens.intake_draft import KeepsDraft
from deskapp.screens.intake_incident import BINDINGS as INCIDENT_KEYS
from deskapp.screens.intake_incident import LinksToIncident
from deskapp.screens.intake_lookup import LOOKUP_DELAY, LOOKUP_FIELDS, PANELS_HIDDEN, LooksUpCaller
from deskapp.screens.intake_save import SavesCall
from deskapp.screens.readback import ConfirmScreen
from deskapp.store.context import Desk
from deskapp.textual_compat import KeptScreen
from deskapp.widgets.caller_panel import CallerPanel
from deskapp.widgets.footer import DeskFooter
from deskapp.widgets.intake_form import IntakeForm
from deskapp.widgets.notices_panel import NoticesPanel
from deskapp.widgets.scripts_panel import ScriptsPanel
from deskapp.words import display

# Kept importable from here, where the tests and benchmarks have always found it.
__all__ = ["DRAFT_EVERY", "LOOKUP_DELAY", "NARROW_BELOW", "IntakeScreen"]

# Interface timing, not desk policy. A draft is written this long after the first edit it has not
# yet kept, however fast the typing goes on (and at once when the focus leaves a field): it is never
# a second behind the screen.
DRAFT_EVERY = 0.5

# Below this width the side panels (caller, notices, scripts) leave the form its room (intake_lookup.py).
NARROW_BELOW = 100


class IntakeScreen(retry.RetriesSave, SavesCall, LinksToIncident, LooksUpCaller, KeepsDraft, AnswersOnTheSpot,
                   PassesOnWorkerFailures, KeptScreen, Screen):
    CSS_PATH = Path(__file__).with_name("intake.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
    # The first focus goes straight to the form's first field (each call starts there): left to Textual,
    # it went to the scrolling form column first, and moving it on restyled the column's ~100 widgets.
    AUTO_FOCUS = "#f-kind"
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), id="intake.save", priority=True,
                tooltip=N_("Read the call back to the caller, then save it")),
        Binding("escape", "leave", N_("Back"), id="intake.back", tooltip=N_("Back to the form, or leave the intake")),
        Binding("ctrl+f", "scripts", N_("Scripts"), id="intake.scripts", priority=True,
                tooltip=N_("Search the approved scripts")),
        Binding("ctrl+r", "caller", N_("Caller's cases"), id="intake.caller", priority=True,
                tooltip=N_("The cases this caller or unit already has")),
        Binding("ctrl+o", "answer", N_("Answer & close"), id="intake.answer", priority=True,
                tooltip=N_("Answer an inquiry on the spot and close it")),
        Binding("ctrl+g", "form", N_("Form"), id="intake.form", priority=True, show=False,
                tooltip=N_("Back to the form from a side panel")),
        # Not ctrl+u: in a text field that deletes what is left of the cursor, as in a shell.
        Binding("ctrl+t", "urgent", N_("Urgent"), id="intake.urgent", priority=True,
                tooltip=N_("People trapped, flooding, fire alarm, injury: the case is urgent (again: not urgent)")),
        *INCIDENT_KEYS,  # ctrl+k: link the call to the batch incident the warning names (intake_incident.py)
    ]
    # On a narrow screen, the side panels in the form's place (or the form back): intake.tcss shows
    # one or the other by this class.
    side_shown = var(False, toggle_class="-side-shown")

    def __init__(self, desk: Desk, operator: str | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.book = shipped_scripts()
        self.courtesy = shipped_courtesy()  # the approved greeting, apology and closing (data/courtesy*.toml)
        self.answer: tuple[str, str] | None = None  # (approved reply, where it came from)
        self._drafting = False  # off until the offer of an old draft is settled: never overwrite it
        self._call_open = False  # between F2 and leaving: the screen is kept, and reset for each call
        self._draft_timer: Timer | None = None
        self._lookup_timer: Timer | None = None
        self._call = 0  # counts the calls taken on this kept screen; a lookup answers the one it was asked for
        self.last_saved: CaseView | None = None
        self._offered: dict[str, str] = {}
        self.caller_history: callers.CallerHistory | None = None  # as last looked up, for the read-back
        self.urgent_from_script = False  # an emergency answer made it urgent: taking the answer back undoes it

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="after-hours")
        # Shown only on a narrow screen (intake.tcss), where the side panels give the form their room.
        yield Static(Text(_(PANELS_HIDDEN)), id="narrow-hint")
        with Horizontal(id="intake-body"):
            with VerticalScroll(id="form-column"):
                # The greeting said on picking up (SOP 1.3): one line; the closing ends the read-back.
                yield Static(Text(self.courtesy.greeting), id="greeting")
                yield IntakeForm(self.desk.calendar.tz, self.desk.now, id="form")
                yield Static("", id="result")
            with Vertical(id="side"):
                yield CallerPanel(id="caller")
                yield NoticesPanel(id="notices")
                yield ScriptsPanel(self.book.scripts, id="scripts")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Intake")  # the header's status line (who, shift, time) stays the app's
        self.set_interval(60, self._after_hours_banner)

    def on_screen_resume(self) -> None:
        # The app keeps this screen built between calls (F2 opens at once): each opening after the
        # screen was left is a new call. A dialog closing over the form (read-back, a question) is not.
        if not self._call_open:
            self._open_call()

    def _open_call(self) -> None:
        self._call_open = True
        self.operator = getattr(self.app, "operator", None) or self.operator  # whoever is signed in now
        self._after_hours_banner()
        self._new_call()
        self._drafting = False  # until the draft left by a closed terminal is offered back or there is none
        self.query_one("#result", Static).remove_class("shown", "problem")
        self.start()

    # ---- typing ----

    @on(IntakeForm.Edited)
    def _edited(self, event: IntakeForm.Edited) -> None:
        result = self.query_one("#result", Static)
        if result.has_class("problem") and not self.query_one(IntakeForm).reading.problems:
            result.remove_class("shown", "problem")  # "Not saved yet" has been answered: say no more
        self.typed_while_waiting()  # after the line above: it says why the waiting save stopped
        if self._drafting and self._draft_timer is None:  # one on its way takes this edit too
            self._draft_timer = self.set_timer(DRAFT_EVERY, self._keep_draft)
        if event.field in LOOKUP_FIELDS:
            self._look_up_soon()

    def action_urgent(self) -> None:
        """On or off, at the keystroke: the keys typed after it land in the field that had the focus."""
        form = self.query_one(IntakeForm)
        form.set_urgent(not form.urgent)
        self.urgent_from_script = False  # the operator's say now: a script answer changed later leaves it be

    # ---- saving (intake_save.py), and the next call ----

    def _record(self, intake: Intake, department: str | None, reply: str | None) -> CaseView:
        """In the save worker: the writer that files this call (answered, with its work order, or as it is)."""
        if reply is not None:
            return answer_on_the_spot(self.desk, intake, reply, by=self.operator)
        if department:
            return record_and_forward(self.desk, intake, department, by=self.operator)
        if self.link_to_incident and self.batch_cases:  # ctrl+k on a call of a possible batch incident
            return with_incident(self.desk, lambda: record_intake(self.desk, intake, by=self.operator),
                                 list(self.batch_cases), by=self.operator)
        return record_intake(self.desk, intake, by=self.operator)

    def _new_call(self) -> None:
        self._stop_timers()
        self._call += 1
        self._drafting = True
        self.answer = None
        self.script_decision = None
        self.urgent_from_script = False
        self.run_worker(self.query_one(ScriptsPanel).clear())  # the next call's script starts unanswered
        # The reset's own Changed messages would reach the form after the next call's first keys
        # (a stale "kind: inquiry" hiding the severity just chosen): the form reads itself afresh instead.
        with self.prevent(Select.Changed, Input.Changed):
            self.query_one(IntakeForm).reset()
        self._clear_lookups()
        self.query_one("#f-kind").focus()

    def _stop_timers(self) -> None:
        for timer in (self._draft_timer, self._lookup_timer):
            if timer is not None:
                timer.stop()
        self._draft_timer = self._lookup_timer = None

    # ---- moving around, leaving ----

    # On a narrow screen, focus going to a side panel shows it in the form's place (`_focus_moved`).
    def action_scripts(self) -> None:
        self.query_one(ScriptsPanel).focus_search()

    def action_caller(self) -> None:
        if not self.query_one(CallerPanel).focus_cases():
            self.notify(_("no cases for this caller yet: type their phone or unit"), timeout=3)

    def action_form(self) -> None:
        self.side_shown = False
        self.query_one("#f-kind").focus()

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        # Wherever the focus goes (a key, Tab, a click), the narrow screen shows the part it is in.
        self.side_shown = any(node.id == "side" for node in event.widget.ancestors)
        if self._draft_timer is not None:  # a field finished: its draft is written now, not later
            self._draft_timer.stop()
            self._keep_draft()

    def action_leave(self) -> None:
        if self.side_shown and self.has_class("-narrow"):
            self.action_form()  # from a side panel, Esc goes back to the form first
            return
        if not self.query_one(IntakeForm).typed():
            self._close()
            return
        self._ask_discard(self._discard_and_close)

    def asks_before_quit(self) -> bool:
        """ctrl+q in the middle of a call asks as Esc does (the app quits only on a yes); True if it asked."""
        if not self.query_one(IntakeForm).typed():
            return False
        if not isinstance(self.app.screen, ConfirmScreen):  # a second ctrl+q while asking asks nothing more
            self._ask_discard(self._discard_and_quit)
        return True

    def _ask_discard(self, then) -> None:
        self.app.push_screen(ConfirmScreen(_("Discard this call?"), _("What you typed will be lost."),
                                           yes=_("discard"), no=_("keep typing")),
                             lambda yes: yes and then())

    def _discard_and_close(self) -> None:
        self._drafting = False
        self.forget_draft()
        self._close()

    async def _discard_and_quit(self) -> None:
        self._drafting = False
        self._stop_timers()
        await self.forget_draft().wait()  # the draft goes before the app does, or it would be offered again
        self.app.exit()

    def _close(self) -> None:
        self._stop_timers()
        self._call_open = False
        self.app.pop_screen()

    def _after_hours_banner(self) -> None:
        now = self.desk.now()
        banner = self.query_one("#after-hours", Static)
        closed = not self.desk.calendar.is_working_time(now)
        banner.set_class(closed, "shown")
        if closed:
            opening = display.when(self.desk.calendar.next_opening(now), self.desk.calendar.tz, now)
            banner.update(Text(_("After hours: the desk is closed until {opening}. Calls are recorded as after hours; "
                                 "general and minor clocks start at the opening. A major complaint starts every clock now: "
                                 "call the managers.").format(opening=opening)))
