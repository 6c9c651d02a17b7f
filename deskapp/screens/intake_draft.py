"""The intake form's draft: the call being typed is kept as it is typed, and offered back when the
intake opens again (after a crash, a closed terminal, a shift change), so nothing typed is lost."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from textual import work
from textual.message import Message

from deskapp.desk import drafts
from deskapp.domain.enums import Kind
from deskapp.i18n import _
from deskapp.reads import callers
from deskapp.reads.departments import departments as reads_departments
from deskapp.screens.readback import ConfirmScreen
from deskapp.widgets.intake_form import IntakeForm
from deskapp.words import display
from deskapp.words.labels import label


@dataclass
class IntakeStarted(Message, bubble=False):
    departments: list[str]
    operator: str
    draft: drafts.SavedDraft | None


class KeepsDraft:
    """Mixin for the intake screen, which provides `desk`, `operator`, `_drafting` (off until the
    offer of an old draft is settled: it is never overwritten), `_draft_timer`, `_offered` and `_look_up_soon()`."""

    # Drafts are written in worker threads, one after another, each numbered when asked for: one
    # asked for earlier that comes to write after a later one (a discard) is dropped, so a call
    # discarded or saved never comes back as a draft.
    _draft_lock = threading.Lock()
    _draft_asked = _draft_written = 0
    _drafts_offered = False  # a draft left behind is offered at the screen's first opening only

    @work(thread=True, exit_on_error=False, group="intake-start")
    def start(self) -> None:
        departments = [d.name for d in reads_departments(self.desk)]
        operator = self.operator or callers.operator_name(self.desk)
        # Later openings follow a call saved, attached or discarded on this very form: nothing is left.
        draft = None if self._drafts_offered else drafts.load_draft(self.desk, operator)
        self._drafts_offered = True
        self.post_message(IntakeStarted(departments, operator, draft))

    def on_intake_started(self, event: IntakeStarted) -> None:
        self.operator, draft = event.operator, event.draft
        self.query_one(IntakeForm).set_departments(event.departments)
        if draft is None:
            self._drafting = True
            return
        when = display.when(draft.saved_at, self.desk.calendar.tz, self.desk.now())
        summary = " · ".join(_draft_field(k, draft.fields[k]) for k in ("kind", "who", "phone", "which", "what")
                             if draft.fields.get(k))
        self._offered = draft.fields
        # Keeping the draft is the safe answer here: a no throws the call typed away.
        question = ConfirmScreen(_("Restore the call you were typing at {time}?").format(time=when), summary,
                                 yes=_("restore it"), no=_("start afresh (it is discarded)"), safe_is_yes=True)
        self.app.push_screen(question, self._draft_answered)

    def _draft_answered(self, restore: bool | None) -> None:
        if restore:
            self.query_one(IntakeForm).load(self._offered)
            self._look_up_soon()
        else:
            self.forget_draft()
        self._drafting = True

    def _keep_draft(self) -> None:
        self._draft_timer = None  # the next edit asks for the next draft
        self.write_draft(self._next_draft(), self.query_one(IntakeForm).typed())

    def forget_draft(self):
        return self.write_draft(self._next_draft(), {})

    def _next_draft(self) -> int:
        self._draft_asked += 1
        return self._draft_asked

    @work(thread=True, exit_on_error=False, group="intake-draft")
    def write_draft(self, number: int, fields: dict[str, str]) -> None:
        self.write_draft_now(number, fields)

    def write_draft_now(self, number: int, fields: dict[str, str]) -> None:
        """In a worker: the form as typed, or none ({}), unless a later one is written already."""
        with self._draft_lock:
            if number < self._draft_written:
                return
            self._draft_written = number
            drafts.save_draft(self.desk, self.operator, fields)

def _draft_field(name: str, value: str) -> str:
    """A draft's field as offered back: the kind by its name in the desk's language."""
    if name == "kind":
        try:
            return label(Kind(value))
        except ValueError:
            return value
    return value
