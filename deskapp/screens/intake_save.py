"""Intake's save: the call read back to the caller, then recorded in a worker, and what the desk
answered shown under the form (the case and its deadlines, or what refused it, beside its field)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from deskapp.domain.clocks import CaseFacts, compute_clocks
from deskapp.domain.enums import Kind, Severity, Status
from deskapp.domain.errors import BadInput, DeskError
from deskapp.domain.intake import Intake
from deskapp.i18n import _, ngettext
from deskapp.reads.views import CaseView
from deskapp.screens import retry
from deskapp.screens.error_dialog import fault_words
from deskapp.screens.escalation import EscalationScreen
from deskapp.screens.readback import ReadBackScreen, readback_lines, readback_warnings, ticked
from deskapp.widgets.intake_form import IntakeForm
from deskapp.words import display
from deskapp.words.incidents import incident_words
from deskapp.words.labels import label
from deskapp.words.wording import kind_words


@dataclass
class SaveAnswered(Message, bubble=False):
    view: CaseView | None  # the case as recorded, or None with the problems that refused it
    problems: list[tuple[str | None, str]] | None = None


class SavesCall:
    """Mixin for the intake screen, which provides `desk`, `operator`, `courtesy`, `caller_history`, `_record`
    (the writer that files the call), `_stop_timers`, `_drafting`, `write_draft_now`, `_next_draft`,
    `until_saved` (retry.RetriesSave) and `_new_call`."""

    def action_save(self) -> None:
        form = self.query_one(IntakeForm)
        form.show_every_problem = True
        reading = form.check()
        if not reading.ok:
            self._focus_problem(reading.problems)
            return
        intake, department = reading.intake, self._department(reading.intake)
        lines = readback_lines(intake, self._clocks_to_start(intake, department), self.desk.calendar,
                               self.desk.now(), department, warnings=False)
        # A complaint opens with the apology (QP7.3 4.2.3 a), under what the operator must see first (a
        # repeat caller, an urgent call); every call ends with the thanks (SOP 1.7).
        readback = ReadBackScreen(lines, courtesy=self.courtesy, apology=intake.kind is Kind.complaint,
                                  warnings=readback_warnings(intake, self.caller_history))
        self.app.push_screen(readback, lambda yes: yes and self._save(ticked(intake, readback.ticks), department))

    def _department(self, intake: Intake) -> str | None:
        if intake.kind is not Kind.repair:
            return None
        return self.query_one(IntakeForm).values()["department"] or None

    def _clocks_to_start(self, intake: Intake, department: str | None):
        now = self.desk.now()
        facts = CaseFacts(kind=intake.kind, severity=intake.severity, received_at=intake.received_at,
                          requested_by=intake.requested_by, promised_by=intake.promised_by,
                          forwarded_at=now if department else None, urgent=intake.urgent,
                          appointment_at=intake.appointment_at,
                          outside_party_at=intake.received_at if intake.outside_party.strip() else None)
        return compute_clocks(facts, self.desk.policy, self.desk.calendar, now)

    def _save(self, intake: Intake, department: str | None, reply: str | None = None) -> None:
        # No draft of this call may be written after the case is: it would be offered back later.
        self._stop_timers()
        self._drafting = False
        self.save(intake, department, reply)

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

    def on_save_answered(self, event: SaveAnswered) -> None:  # by name: @on is not seen on a mixin
        if event.view is None:
            self._refused(event.problems)
        else:
            self._saved(event.view)

    def _on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """By name, beside PassesOnWorkerFailures' own handler (Textual calls each class's). A save the database did not take (the app says why in its dialog): the form is as typed,
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
                             _("owner {name}").format(name=view.owner), (" · " + _("after hours")) if c.after_hours else "",
                             (" · " + incident_words(c.incident_id)) if c.incident_id else "")
        for clock in view.clocks:
            if clock.running:
                text.append("\n  ")
                text.append(_("{clock} by {due} ({how})").format(clock=label(clock.name), due=display.when(clock.due, tz, now),
                                                               how=display.explain(clock, tz)))
        self._new_call()
        self._result(text)
        if c.kind is Kind.complaint and c.severity is Severity.major:
            self.app.push_screen(EscalationScreen(self.desk, c.id, self.operator))

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
