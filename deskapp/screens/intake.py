"""Intake: the 5W1H form the receptionist fills while the caller is talking.

The screen gathers what is typed, shows what the desk knows about the caller, and calls the desk's
services in workers, which answer by message. It keeps the form as a draft while the operator types,
so nothing is lost (intake_draft.py); a call can also be answered on the spot or attached to one of
the caller's cases (intake_answers.py). A save the database does not take leaves the form as typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, Select, Static
from textual.worker import Worker, WorkerState

from deskapp.config.scripts import shipped_scripts
from deskapp.desk.intake import (
    answer_on_the_spot,
    record_and_forward,
    record_intake,
)
from deskapp.domain.batch import Report
from deskapp.domain.clocks import CaseFacts, compute_clocks
from deskapp.domain.enums import Kind, Severity, Status
from deskapp.domain.errors import BadInput, DeskError
from deskapp.domain.intake import Intake, phone_problem
from deskapp.i18n import N_, _, ngettext
from deskapp.models import Notice
from deskapp.reads import callers, notices
from deskapp.reads.views import CaseView
from deskapp.screens import retry
from deskapp.screens.error_dialog import PassesOnWorkerFailures, fault_words
from deskapp.screens.escalation import EscalationScreen
from deskapp.screens.intake_answers import AnswersOnTheSpot
from deskapp.screens.intake_draft import KeepsDraft
from deskapp.screens.readback import (
    ConfirmScreen,
    ReadBackScreen,
    readback_lines,
)
from deskapp.store.context import Desk
from deskapp.textual_compat import KeptScreen
from deskapp.widgets.caller_panel import CallerPanel, open_cases_warning
from deskapp.widgets.footer import DeskFooter
from deskapp.widgets.intake_form import IntakeForm
from deskapp.widgets.notices_panel import NoticesPanel
from deskapp.widgets.scripts_panel import ScriptsPanel
from deskapp.words import display
from deskapp.words.labels import label
from deskapp.words.wording import kind_words

# Interface timings, not desk policy. A draft is written this long after the first edit it has not
# yet kept, however fast the typing goes on (and at once when the focus leaves a field): it is never
# a second behind the screen. The caller is looked up once typing pauses this long (not per key).
DRAFT_EVERY = 0.5
LOOKUP_DELAY = 0.25
LOOKUP_FIELDS = {"phone", "which", "category", "kind", "received_at"}


@dataclass
class LookedUp(Message, bubble=False):
    """What the desk knows about the caller so far: their cases, others' calls alike, notices."""

    history: callers.CallerHistory | None  # None until a phone or a whole unit is typed
    batch: list[Report]
    category: str
    found: list[Notice]
    call: int  # the call it was asked for (IntakeScreen._call): a later call's form does not show it


@dataclass
class SaveAnswered(Message, bubble=False):
    view: CaseView | None  # the case as recorded, or None with the problems that refused it
    problems: list[tuple[str | None, str]] | None = None


# Below this width the side panels (caller, notices, scripts) leave the form its room: they take
# the form's place while one of them is in use (ctrl+r, ctrl+f), and ctrl+g or Esc brings the form back.
NARROW_BELOW = 100
PANELS_HIDDEN = N_("Panels hidden: ctrl+r caller's cases · ctrl+f scripts, notices · Esc back")


class IntakeScreen(retry.RetriesSave, KeepsDraft, AnswersOnTheSpot, PassesOnWorkerFailures, KeptScreen, Screen):
    CSS_PATH = Path(__file__).with_name("intake.tcss")
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
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
    ]
    # On a narrow screen, the side panels in the form's place (or the form back): intake.tcss shows
    # one or the other by this class.
    side_shown = var(False, toggle_class="-side-shown")

    def __init__(self, desk: Desk, operator: str | None = None):
        super().__init__()
        self.desk = desk
        self.operator = operator
        self.book = shipped_scripts()
        self.answer: tuple[str, str] | None = None  # (approved reply, where it came from)
        self._drafting = False  # off until the offer of an old draft is settled: never overwrite it
        self._call_open = False  # between F2 and leaving: the screen is kept, and reset for each call
        self._draft_timer: Timer | None = None
        self._lookup_timer: Timer | None = None
        self._call = 0  # counts the calls taken on this kept screen; a lookup answers the one it was asked for
        self.last_saved: CaseView | None = None
        self._offered: dict[str, str] = {}
        self.caller_history: callers.CallerHistory | None = None  # as last looked up, for the read-back

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="after-hours")
        # Shown only on a narrow screen (intake.tcss), where the side panels give the form their room.
        yield Static(Text(_(PANELS_HIDDEN)), id="narrow-hint")
        with Horizontal(id="intake-body"):
            with VerticalScroll(id="form-column"):
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
        self.post_message(LookedUp(history, batch, category, found, call))

    @on(LookedUp)
    def _looked_up(self, event: LookedUp) -> None:
        if event.call != self._call:  # asked during a call since saved or left: not this caller's
            return
        tz, now = self.desk.calendar.tz, self.desk.now()
        self._show_caller(event.history, self.book.recent.days)
        self.query_one(CallerPanel).show_batch(event.batch, event.category)
        self.query_one(NoticesPanel).show(event.found, tz, now)

    def _show_caller(self, history: callers.CallerHistory | None, days: int = 30) -> None:
        # The hint line stands in for the hidden panel on a narrow screen: a repeat caller is said there.
        self.caller_history = history
        self.query_one(CallerPanel).show(history, self.desk.calendar.tz, self.desk.now(), days)
        self.query_one("#narrow-hint", Static).update(Text(open_cases_warning(history) or _(PANELS_HIDDEN)))

    # ---- saving ----

    def action_save(self) -> None:
        form = self.query_one(IntakeForm)
        form.show_every_problem = True
        reading = form.check()
        if not reading.ok:
            self._focus_problem(reading.problems)
            return
        intake, department = reading.intake, self._department(reading.intake)
        lines = readback_lines(intake, self._clocks_to_start(intake, department), self.desk.calendar,
                               self.desk.now(), department, self.caller_history)
        self.app.push_screen(ReadBackScreen(lines), lambda yes: yes and self._save(intake, department))

    def _department(self, intake: Intake) -> str | None:
        if intake.kind is not Kind.repair:
            return None
        return self.query_one(IntakeForm).values()["department"] or None

    def _clocks_to_start(self, intake: Intake, department: str | None):
        now = self.desk.now()
        facts = CaseFacts(kind=intake.kind, severity=intake.severity, received_at=intake.received_at,
                          requested_by=intake.requested_by, promised_by=intake.promised_by,
                          forwarded_at=now if department else None)
        return compute_clocks(facts, self.desk.policy, self.desk.calendar, now)

    def _save(self, intake: Intake, department: str | None, reply: str | None = None) -> None:
        # No draft of this call may be written after the case is: it would be offered back later.
        self._stop_timers()
        self._drafting = False
        self.save(intake, department, reply)

    def _stop_timers(self) -> None:
        for timer in (self._draft_timer, self._lookup_timer):
            if timer is not None:
                timer.stop()
        self._draft_timer = self._lookup_timer = None

    @work(thread=True, exclusive=True, exit_on_error=False, group=retry.GROUP)
    def save(self, intake: Intake, department: str | None, reply: str | None = None) -> None:
        try:
            # Tried again while the database says wait (retry.py): the form stays as typed meanwhile.
            view = self.until_saved(lambda: self._record(intake, department, reply))
        except retry.Stopped:
            return
        except BadInput as e:
            self.post_message(SaveAnswered(None, [(p.field, p.message) for p in e.problems]))
            return
        except DeskError as e:
            self.post_message(SaveAnswered(None, [(e.field, e.message)]))
            return
        self.post_message(SaveAnswered(view))
        # The case is recorded whatever happens next: a draft that cannot be discarded now is only
        # offered back later, so its failure must not read as "not saved".
        try:
            self.until_saved(lambda: self.write_draft_now(self._next_draft(), {}))
        except Exception as e:  # noqa: BLE001 - logged; the call is saved and the operator was told so
            self.log.warning("the saved call's draft was not discarded", repr(e))

    def _record(self, intake: Intake, department: str | None, reply: str | None) -> CaseView:
        if reply is not None:
            return answer_on_the_spot(self.desk, intake, reply, by=self.operator)
        if department:
            return record_and_forward(self.desk, intake, department, by=self.operator)
        return record_intake(self.desk, intake, by=self.operator)

    @on(SaveAnswered)
    def _save_answered(self, event: SaveAnswered) -> None:
        if event.view is None:
            self._refused(event.problems)
        else:
            self._saved(event.view)

    @on(Worker.StateChanged)
    def _save_failed(self, event: Worker.StateChanged) -> None:
        """A save the database did not take (the app says why in its dialog): the form is as typed,
        its draft is kept again, and the line under it says it was not saved."""
        if event.state is WorkerState.ERROR and event.worker.group == retry.GROUP:
            self._refused([(None, fault_words(event.worker.error))])

    def _refused(self, problems: list[tuple[str | None, str]]) -> None:
        self._drafting = True
        form = self.query_one(IntakeForm)
        for field, message in problems:
            form.show_problem(field, message)
        self._result(Text(_("Not saved: {problems}").format(problems=_("; ").join(m for _field, m in problems))), problem=True)

    def _saved(self, view: CaseView) -> None:
        self.last_saved = view
        c, tz, now = view.case, self.desk.calendar.tz, self.desk.now()
        done = (_("Case #{number} answered and closed") if c.status is Status.closed else _("Case #{number} recorded")).format(number=c.id)
        kind = kind_words(c.kind, c.severity)
        text = Text.assemble((done, "bold green"), " · ", kind, " · ",
                             _("owner {name}").format(name=view.owner), (" · " + _("after hours")) if c.after_hours else "")
        for clock in view.clocks:
            if clock.running:
                text.append("\n  ")
                text.append(_("{clock} by {due} ({how})").format(clock=label(clock.name), due=display.when(clock.due, tz, now),
                                                               how=display.explain(clock, tz)))
        self._new_call()
        self._result(text)
        if c.kind is Kind.complaint and c.severity is Severity.major:
            self.app.push_screen(EscalationScreen(self.desk, c.id, self.operator))

    def _new_call(self) -> None:
        self._stop_timers()
        self._call += 1
        self._drafting = True
        self.answer = None
        self.script_decision = None
        self.run_worker(self.query_one(ScriptsPanel).clear())  # the next call's script starts unanswered
        # The reset's own Changed messages would reach the form after the next call's first keys
        # (a stale "kind: inquiry" hiding the severity just chosen): the form reads itself afresh instead.
        with self.prevent(Select.Changed, Input.Changed):
            self.query_one(IntakeForm).reset()
        self._show_caller(None)
        self.query_one(CallerPanel).show_batch([], "")
        self.query_one(NoticesPanel).show([], self.desk.calendar.tz, self.desk.now())
        self.query_one("#f-kind").focus()

    def _result(self, text: Text, problem: bool = False) -> None:
        result = self.query_one("#result", Static)
        result.update(text)
        result.add_class("shown")
        result.set_class(problem, "problem")

    def _focus_problem(self, problems: dict[str, str]) -> None:
        form = self.query_one(IntakeForm)
        for name in form.values():  # the form's order
            if name in problems:
                widget = self.query_one(f"#f-{name}")
                if widget.display and widget.parent.display:
                    widget.focus()
                    break
        self._result(Text(ngettext("Not saved yet: {n} thing to complete, shown beside its field",
                                   "Not saved yet: {n} things to complete, shown beside the fields",
                                   len(problems)).format(n=len(problems))), problem=True)

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
