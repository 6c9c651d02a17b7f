"""Correcting a case from its detail: pick the field, the value it has now is filled in, change it,
say why. The history keeps before → after; after forwarding only the owner or a supervisor may.
Also from there: make an inquiry, repair or assistance a complaint, and give a case another owner."""

from __future__ import annotations

from textual import on
from textual.widgets import Input, Select

from deskapp.desk import workflow
from deskapp.desk.amend import AMENDABLE, amend, convert, reassign
from deskapp.domain.enums import Severity
from deskapp.domain.errors import DeskError
from deskapp.domain.timeparse import TimeError, parse_time
from deskapp.i18n import N_, _
from deskapp.models import Case
from deskapp.screens.action_table import Action, Ask
from deskapp.screens.actions import ActionModal
from deskapp.store.context import Desk
from deskapp.words.labels import field_label, labelled

_TIMES = ("appointment_at", "requested_by", "promised_by", "received_at")
# The fields the screen offers: the intake's text and times (the channel is corrected with `deskapp amend`).
SHOWN_FIELDS = tuple(name for name in AMENDABLE if name != "channel")


def _amend(desk: Desk, case_id: int, by: str | None, values: dict[str, str], version: int | None):
    name = values.get("field", "")
    if name not in SHOWN_FIELDS:
        raise DeskError(_("choose the field to correct"), "field")
    typed = values.get("value", "")
    value = typed
    if name in _TIMES:
        try:
            value = parse_time(typed, desk.calendar.tz, desk.now()) if typed.strip() else None
        except TimeError as problem:
            raise DeskError(str(problem), "value") from None
    return amend(desk, case_id, {name: value}, values.get("reason", ""), by=by, expected_version=version)


AMEND = Action("amend", N_("Correct"), "c", N_("case {number} corrected"),
               (Ask("field", N_("Field to correct"), "fields"), Ask("value", N_("Correct value"), optional=True),
                Ask("reason", N_("Reason for the correction"))), _amend)


class AmendDialog(ActionModal):
    """The action modal, with the case's fields to choose from and the chosen one's value filled in."""

    def __init__(self, desk: Desk, operator: str | None, case: Case):
        super().__init__(desk, operator, AMEND, case)
        self.case = case

    def on_mount(self) -> None:
        self.query_one("#ask-field", Select).set_options([(field_label(name), name) for name in SHOWN_FIELDS])

    @on(Select.Changed, "#ask-field")
    def _fill_in(self, event: Select.Changed) -> None:
        """The value as the case has it, to be edited rather than typed again."""
        if event.value not in SHOWN_FIELDS:
            return
        now = getattr(self.case, str(event.value))
        shown = f"{now.astimezone(self.desk.calendar.tz):%Y-%m-%d %H:%M}" if hasattr(now, "astimezone") else now or ""
        self.query_one("#ask-value", Input).value = shown

    def _refused(self, refusal: DeskError) -> None:
        if refusal.field in AMENDABLE:  # about the value typed (a phone number too short ...)
            refusal.field = "value"
        super()._refused(refusal)


def _convert(desk: Desk, case_id: int, by: str | None, values: dict[str, str], version: int | None):
    if not values.get("severity"):
        raise DeskError(_("a complaint needs a severity: major, general or minor"), "severity")
    return convert(desk, case_id, Severity(values["severity"]), values.get("reason", ""), by=by,
                   expected_version=version)


def _reassign(desk: Desk, case_id: int, by: str | None, values: dict[str, str], version: int | None):
    if not values.get("owner"):
        raise DeskError(_("choose the new owner"), "owner")
    return reassign(desk, case_id, values["owner"], values.get("reason", ""), by=by, expected_version=version)


CONVERT = Action("convert", N_("Make a complaint"), "m", N_("case {number} is now a complaint; its clocks start now"),
                 (Ask("severity", N_("Severity"), "severities"), Ask("reason", N_("Reason for making it a complaint"))),
                 _convert)
# The same writer as `deskapp outside-party ID TEXT`: the contact clock starts when it is first named.
OUTSIDE_PARTY = Action("outside_party", N_("Outside party"), "i",
                       N_("case {number}: outside party recorded; the customer is to be contacted by its deadline"),
                       (Ask("outside", N_("Outside party involved (water utility, neighbouring tenant ...)")),),
                       lambda d, c, by, v, ver: workflow.set_outside_party(d, c, v.get("outside", ""), by=by,
                                                                           expected_version=ver))
REASSIGN = Action("reassign", N_("New owner"), "o", N_("case {number} has a new owner"),
                  (Ask("owner", N_("New owner"), "staff"), Ask("reason", N_("Reason for the new owner"))), _reassign)


class ConvertDialog(ActionModal):
    """The action modal, with the severities to choose from."""

    def __init__(self, desk: Desk, operator: str | None, case: Case):
        super().__init__(desk, operator, CONVERT, case)

    def on_mount(self) -> None:
        self.query_one("#ask-severity", Select).set_options([(shown, s.value) for shown, s in labelled(Severity)])
