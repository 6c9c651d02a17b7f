"""Intake's two ways of finishing a call other than saving it as a new case: answering an inquiry on
the spot (from a script whose rule closes it, or a notice), and attaching the call to a case the
caller already has, as a note."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets.select import InvalidSelectValueError

from deskapp.desk.intake import attach_call
from deskapp.domain.enums import Kind
from deskapp.domain.errors import DeskError
from deskapp.domain.scripts import Decision, Outcome, answers_note
from deskapp.i18n import _
from deskapp.reads import notices
from deskapp.screens.readback import (
    ConfirmScreen,
    ReadBackScreen,
    readback_lines,
    styled,
    ticked,
)
from deskapp.widgets.caller_panel import CallerPanel
from deskapp.widgets.intake_form import OUTSIDE_PARTY_ROW, TEXT_ROWS, IntakeForm
from deskapp.widgets.notices_panel import NoticesPanel
from deskapp.widgets.scripts_panel import ScriptsPanel


@dataclass
class CallAttached(Message, bubble=False):
    case_id: int
    refusal: str | None = None  # None: attached


class AnswersOnTheSpot:
    """Mixin for the intake screen, which provides `desk`, `operator`, `answer` (the approved reply and
    where it came from), `_save`, `_stop_timers`, `_drafting`, `write_draft_now`, `_next_draft`, `_refused`, `_new_call`, `_result` and
    `_focus_problem`."""

    def on_scripts_panel_chosen(self, event: ScriptsPanel.Chosen) -> None:
        """A script picked or answered: its category on the form, its answers kept with the call; once
        decided, the desk may answer and close it (ctrl+o), or the script's department goes on the form."""
        form = self.query_one(IntakeForm)
        script, decision = event.script, event.decision
        form.set_field("category", script.category)
        form.script_answers = answers_note(script, event.answers, decision) if event.answers else ""
        form.check()
        self.answer = (decision.reply, _("script: {title}").format(title=script.title)) if decision.closes else None
        self.script_decision = decision
        if decision.department and decision.outcome in (Outcome.dispatch, Outcome.emergency):
            self._dispatch_on_the_form(script.kind, decision.department, decision.outcome is Outcome.emergency)
        else:
            self._undo_dispatch_on_the_form()
        self._promise_on_the_form(decision)
        if decision.outcome is Outcome.emergency:
            self.emergency_answered(decision)
        elif getattr(self, "urgent_from_script", False):
            # The emergency answer taken back (or another script): the urgency it set goes with it.
            self.query_one(IntakeForm).set_urgent(False)
            self.urgent_from_script = False

    def _dispatch_on_the_form(self, kind: Kind, department: str, emergency: bool) -> None:
        # Only a repair takes a department on the form. In an emergency an inquiry (the form's first
        # kind, which cannot be dispatched) becomes what the script says; otherwise the kind is the
        # operator's to choose (changing it changes the form's rows, and so where Tab goes).
        form = self.query_one(IntakeForm)
        if emergency and form.values()["kind"] == "inquiry":
            form.set_field("kind", kind.value)
            self.kind_from_script = kind.value
        if form.values()["kind"] == Kind.repair.value:
            try:
                form.set_field("department", department)
            except InvalidSelectValueError:
                pass  # the departments are still loading, or the staff file has no such department

    def _promise_on_the_form(self, decision: Decision) -> None:
        """A dispatch wording that promises a time ("within two working days") makes it the case's
        Answer by, which runs its answer clock; taken back with the answer that gave it."""
        form = self.query_one(IntakeForm)
        if decision.promise is not None:
            due = decision.promise.due(self.desk.calendar, self.desk.now()).astimezone(self.desk.calendar.tz)
            self.promise_from_script = f"{due:%Y-%m-%d %H:%M}"
            form.set_field("promised_by", self.promise_from_script)
        elif getattr(self, "promise_from_script", None):
            if form.values()["promised_by"] == self.promise_from_script:
                form.set_field("promised_by", "")
            self.promise_from_script = None

    def _undo_dispatch_on_the_form(self) -> None:
        # An answer taken back, or another script picked: the kind the script set goes back to an inquiry.
        form = self.query_one(IntakeForm)
        if getattr(self, "kind_from_script", None) and form.values()["kind"] == self.kind_from_script:
            form.set_field("kind", "inquiry")
        self.kind_from_script = None

    def emergency_answered(self, decision: Decision) -> None:
        """An emergency answer (people trapped, flooding, fire, injury): the case is urgent. The panel
        already says whom to call and the department is on the form; the operator can still turn the
        urgency off (ctrl+t) when the caller corrects themselves."""
        form = self.query_one(IntakeForm)
        if not form.urgent:
            form.set_urgent(True)
            self.urgent_from_script = True
        self.notify(decision.reason, severity="error", timeout=10)

    def on_notices_panel_chosen(self, event: NoticesPanel.Chosen) -> None:
        # "Why is there no water?": an inquiry answered by the notice.
        n, tz, now = event.notice, self.desk.calendar.tz, self.desk.now()
        form = self.query_one(IntakeForm)
        form.set_field("kind", "inquiry")
        form.set_field("category", notices.topic_label(n.topic))  # the topic's name in the desk's language
        reply = notices.answer_for(n, tz, now)  # an apology's notice opens with its apology
        self.answer = (reply, _("notice: {title}").format(title=n.title))
        self.action_answer()

    def action_answer(self) -> None:
        form = self.query_one(IntakeForm)
        decision = getattr(self, "script_decision", None)
        if self.answer is None and decision is not None and not decision.decided:
            # Unanswered is unanswered: the call is not closed before the questions that decide it are asked.
            self._result(Text(_("The script is not decided yet: {reason}").format(reason=decision.reason)), problem=True)
            return
        if self.answer is None:
            self._result(Text(_("Choose a script whose rule lets the desk close it, or a notice, first (ctrl+f)")), problem=True)
            return
        if form.values()["kind"] != "inquiry":
            self._result(Text(_("Only an inquiry is closed on the spot; set Kind to inquiry or save it as it is")), problem=True)
            return
        form.show_every_problem = True
        reading = form.check()
        if not reading.ok:
            self._focus_problem(reading.problems)
            return
        reply, source = self.answer
        lines = readback_lines(reading.intake, [], self.desk.calendar, self.desk.now())
        lines += [Text(""), styled(_("{answer} ({source}): “{reply}”"), answer=(_("Answer given"), "bold"), source=source, reply=reply),
                  Text(_("Saving records the inquiry and closes it with this answer."), "dim")]
        intake = reading.intake
        # An inquiry has no apology to tick; the thanks closes it as it closes every call (SOP 1.7).
        readback = ReadBackScreen(lines, _("Answer and close"), courtesy=self.courtesy)
        self.app.push_screen(readback, lambda yes: yes and self._save(ticked(intake, readback.ticks), None, reply))

    def on_caller_panel_attach_requested(self, event: CallerPanel.AttachRequested) -> None:
        text = call_note(self.query_one(IntakeForm).values())
        question = ConfirmScreen(_("Attach this call to case #{number} as a note?").format(number=event.case_id), text,
                                 yes=_("attach"), no=_("cancel, back to the form"))
        self.app.push_screen(question, lambda yes: yes and self._attach_call(event.case_id, text))

    def _attach_call(self, case_id: int, text: str) -> None:
        self._stop_timers()
        self._drafting = False
        self.attach(case_id, text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="intake-save")
    def attach(self, case_id: int, text: str) -> None:
        try:
            attach_call(self.desk, case_id, text, by=self.operator)
            self.write_draft_now(self._next_draft(), {})
        except DeskError as e:
            self.post_message(CallAttached(case_id, e.message))
            return
        self.post_message(CallAttached(case_id))

    def on_call_attached(self, event: CallAttached) -> None:
        if event.refusal is not None:
            self._refused([(None, event.refusal)])
            return
        self._new_call()
        self._result(Text(_("Call attached to case #{number} as a note").format(number=event.case_id), "bold green"))


def call_note(values: dict[str, str]) -> str:
    """Everything typed for a repeat call, each field by its label in the form's order, so nothing the
    caller said is dropped: 'Who: Ms Li · Phone: 138… · What: still dripping · Why: … · How: …'."""
    said = [_("{field}: {value}").format(field=_(text), value=" ".join(values.get(name, "").split()))
            for name, text, _placeholder in [*TEXT_ROWS, OUTSIDE_PARTY_ROW]
            if name != "received_at" and values.get(name, "").strip()]
    return " · ".join(said) or _("called again about this case")
