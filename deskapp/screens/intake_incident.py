"""Intake's link to a batch incident: when the batch warning shows (several callers about one problem
in one place), ctrl+k marks the call being recorded as one more call of that incident, and saving links
it: to the incident the earlier calls are already in, or to one opened from them then."""

from __future__ import annotations

from textual.binding import Binding

from deskapp.domain.batch import Report
from deskapp.i18n import N_, _
from deskapp.widgets.caller_panel import CallerPanel

# Two bindings of one key: the first is offered (and shown in the key bar) only while the batch warning
# shows; the second, never shown, takes the key otherwise, so it never reaches a text field (where
# ctrl+k would delete the rest of the line) and says why nothing happened.
BINDINGS = [
    Binding("ctrl+k", "link_incident", N_("Link to incident"), id="intake.incident", priority=True,
            tooltip=N_("This call is one more of the possible batch incident: link it when it is saved")),
    Binding("ctrl+k", "no_incident", N_("Link to incident"), id="intake.no_incident", show=False, priority=True,
            tooltip=N_("No possible batch incident for this call yet: the key says so, and the field keeps its text")),
]


class LinksToIncident:
    """Mixin for the intake screen, which provides `query_one`, `notify` and `refresh_bindings`."""

    batch_cases: tuple[int, ...] = ()  # the earlier calls of the batch the warning names
    batch_incident: int | None = None  # the open incident they are in, if any
    link_to_incident = False  # ctrl+k: saving links the call
    _batch: tuple[list[Report], str] = ([], "")

    def show_batch(self, batch: list[Report], category: str, incident: int | None) -> None:
        offered = bool(self.batch_cases)
        self._batch = (batch, category)
        self.batch_cases = tuple(r.case_id for r in batch if r.case_id is not None)
        self.batch_incident = incident
        if not self.batch_cases:
            self.link_to_incident = False  # the warning went (another category, another floor): so did the link
        self._show_link()
        if offered != bool(self.batch_cases):
            # Only when the key comes or goes: the key bar is rebuilt on a refresh, and each new call and
            # each pause in typing looks the caller up; the form must not wait on the key bar.
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "link_incident":
            return bool(self.batch_cases)
        return super().check_action(action, parameters)

    def action_link_incident(self) -> None:
        self.link_to_incident = not self.link_to_incident
        self._show_link()

    def action_no_incident(self) -> None:
        self.notify(_("no possible batch incident for this call: ctrl+k links a call once the batch warning shows"),
                    timeout=3)

    def _show_link(self) -> None:
        self.query_one(CallerPanel).show_batch(*self._batch, link=self._link_words())

    def _link_words(self) -> str:
        if not self.batch_cases:
            return ""
        if self.link_to_incident:
            if self.batch_incident is not None:
                return _("✓ saving links this call to incident {number} · ctrl+k: do not").format(number=self.batch_incident)
            return _("✓ saving opens an incident from these calls and links this one · ctrl+k: do not")
        if self.batch_incident is not None:
            return _("ctrl+k: link this call to incident {number}").format(number=self.batch_incident)
        return _("ctrl+k: link this call to the incident (opened from these calls)")
