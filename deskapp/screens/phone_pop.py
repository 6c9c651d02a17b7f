"""The screen pop: intake opened by an answered call, its number filled and the caller's cases
shown, and the case it becomes linked to the call (phone_watch.py decides when it opens)."""

from __future__ import annotations

from textual import work

from deskapp.desk.calls import link_case
from deskapp.reads.calls import CallLine
from deskapp.reads.views import CaseView
from deskapp.screens.intake import IntakeScreen
from deskapp.screens.intake_answers import CallAttached
from deskapp.store.context import Desk
from deskapp.widgets.intake_form import IntakeForm


class PhoneIntakeScreen(IntakeScreen):
    """Intake opened by an answered call: its number filled in, the caller's cases looked up, and the
    case saved (or the case the call is attached to) linked to the call in the call log."""

    def __init__(self, desk: Desk, operator: str | None, call: CallLine | None):
        super().__init__(desk, operator)
        self.call: CallLine | None = call

    def _open_call(self) -> None:
        # Each opening is a new call (IntakeScreen resets the form): the answered call's number goes
        # into the fresh form, never before it, or the reset would wipe it.
        super()._open_call()
        if self.call is not None:
            self._fill(self.call.number)

    def _fill(self, number: str) -> None:
        self.query_one(IntakeForm).set_field("phone", number)
        # The number came whole from the phone system, not key by key: the caller is looked up now,
        # without the pause the lookup waits for while someone types.
        self._look_up()

    def take(self, call: CallLine) -> None:
        """The kept screen, made ready for the next call: a fresh form with its number, the caller looked
        up, an old draft offered as on opening. Built once per operator, since building intake costs far
        more than refilling it (the pop must be on screen before the caller's first words)."""
        self.call = call
        if self._call_open:  # still open (under another screen): the next call starts here and now
            self._call_open = False
            self._open_call()
        # otherwise the opening (on_screen_resume) starts the call with this number

    def _saved(self, view: CaseView) -> None:
        super()._saved(view)
        self._link(view.case.id)

    def on_call_attached(self, event: CallAttached) -> None:
        if event.refusal is None:
            self._link(event.case_id)

    def _link(self, case_id: int) -> None:
        if self.call is not None:  # the first case of the call; the next one on this form is another call
            self.link(self.call.id, case_id)
            self.call = None

    @work(thread=True, exit_on_error=False, group="phone-link")
    def link(self, call_row: int, case_id: int) -> None:
        link_case(self.desk, call_row, case_id)
