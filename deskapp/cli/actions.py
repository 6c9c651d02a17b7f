"""The desk's operations on an existing case, one command each."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.console import Console

from deskapp.cli import render
from deskapp.cli.common import (
    AtOption,
    ByOption,
    CaseId,
    DbOption,
    Failure,
    JsonOption,
    choice,
    described,
    desk_for,
    plain_errors,
    print_json,
    signed_in,
    when,
)
from deskapp.desk import workflow
from deskapp.desk.callbacks import record_callback
from deskapp.desk.manager_calls import retract_call
from deskapp.domain.enums import (
    AttemptResult,
    Confirmation,
    NoteKind,
    Satisfaction,
    Severity,
    Validity,
)
from deskapp.i18n import N_, _, pgettext

Opt = typer.Option


def _need(value: str, option: str, example: str) -> str:
    """The services refuse an empty reason; on the command line, say which option to give."""
    if not value.strip():
        raise Failure(_("{option} is needed, for example {option} \"{example}\"").format(option=option, example=example))
    return value


def _done(desk, view, as_json: bool) -> None:
    if as_json:
        print_json(render.case_json(view, desk))
    else:
        render.print_case(Console(), view, desk)


@described(N_("Forward a case to the department responsible (for a repair: its work order)."))
@plain_errors
def forward(case_id: CaseId, to: Annotated[str, Opt("--to", help=N_("Department responsible."))],
            person: Annotated[str | None, Opt(help=N_("Person in that department."))] = None,
            note: Annotated[str, Opt(help=N_("What the department is asked to do."))] = "",
            by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.forward(desk, case_id, to, person, note, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("The department confirms it has the case."))
@plain_errors
def acknowledge(case_id: CaseId, by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.acknowledge(desk, case_id, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Escalate to operations management and the company's leadership."))
@plain_errors
def escalate(case_id: CaseId, note: Annotated[str, Opt(help=N_("What management was told."))] = "",
             by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.escalate(desk, case_id, note, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Record that a manager was called about a case."))
@plain_errors
def notify(case_id: CaseId, manager: Annotated[str, Opt("--manager", help=N_("The manager who was called."))],
           note: Annotated[str, Opt(help=N_("What was said."))] = "",
           retract: Annotated[bool, Opt("--retract", help=N_(
               "The call to this manager was ticked by mistake: retract it (kept in the history), with --reason."))] = False,
           reason: Annotated[str | None, Opt(help=N_("Why the call is retracted (with --retract)."))] = None,
           by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    if retract:
        if note:
            raise Failure(_("--note records a call; a retracted call takes --reason"))
        if reason is None or not reason.strip():
            raise Failure(_("say why the call is retracted: --reason \"ticked by mistake\""))
    elif reason is not None:
        raise Failure(_("--reason goes with --retract (a call ticked by mistake)"))
    desk = desk_for(db)
    if retract:
        _done(desk, retract_call(desk, case_id, manager, reason or "", by=signed_in(desk, by),
                                 at=when(desk, at, "--at")), as_json)
        return
    _done(desk, workflow.notify(desk, case_id, manager, note, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Revise a complaint's severity, with the reason."))
@plain_errors
def severity(case_id: CaseId, new: Annotated[str, typer.Argument(help=N_("major, general or minor."))],
             reason: Annotated[str, Opt(help=N_("Why the severity changes."))] = "",
             by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.set_severity(desk, case_id, choice(Severity, new, pgettext("choice", "severity")), reason,
                                      by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Record the department's validity decision on a complaint."))
@plain_errors
def validity(case_id: CaseId, decision: Annotated[str, typer.Argument(help=N_("valid or invalid."))],
             reason: Annotated[str, Opt(help=N_("The finding (valid: the cause; invalid: why not the service's fault)."))] = "",
             ground: Annotated[str | None, Opt(help=N_("The manuals' ground (data/permissions.toml), e.g. rules_misunderstood."))] = None,
             by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.set_validity(desk, case_id, choice(Validity, decision, pgettext("choice", "validity decision")), reason,
                                      by=signed_in(desk, by), at=when(desk, at, "--at"), ground=ground), as_json)


@described(N_("Add a note: progress, an explanation given to the customer, a corrective action ..."))
@plain_errors
def note(case_id: CaseId, text: Annotated[str, typer.Argument(help=N_("The note."))],
         kind: Annotated[str, Opt(help=N_("progress, explanation, corrective, contact or call."))] = "progress",
         followup: Annotated[str | None, Opt("--followup", help=N_("Corrective notes: the day (or time) by which the correction is done; the desk checks it then."))] = None,
         by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    from deskapp.cli.coordination import deadline

    desk = desk_for(db)
    _done(desk, workflow.add_note(desk, case_id, text, choice(NoteKind, kind, pgettext("choice", "note kind")),
                                  by=signed_in(desk, by), at=when(desk, at, "--at"),
                                  followup=deadline(desk, followup, "--followup")), as_json)


@described(N_("Wait on the customer: the resolve clock stops until resumed."))
@plain_errors
def pause(case_id: CaseId, reason: Annotated[str, Opt(help=N_("What the desk is waiting for from the customer."))] = "",
          by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.pause(desk, case_id, _need(reason, "--reason", _("tenant away until Monday")), by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Stop waiting on the customer: the clocks run again."))
@plain_errors
def resume(case_id: CaseId, note: Annotated[str, Opt(help=N_("What came back from the customer."))] = "",
           by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.resume(desk, case_id, note, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("The trade reached the site of a repair."))
@plain_errors
def arrive(case_id: CaseId, by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.record_arrival(desk, case_id, by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Record the outcome; the callback is scheduled where the policy asks for one."))
@plain_errors
def resolve(case_id: CaseId, outcome: Annotated[str, Opt(help=N_("What was done."))] = "",
            by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    _done(desk, workflow.resolve(desk, case_id, _need(outcome, "--outcome", _("pipe joint replaced")), by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


@described(N_("Record a callback attempt after resolution."))
@plain_errors
def callback(
    case_id: CaseId,
    reached: Annotated[bool, Opt("--reached", help=N_("The customer was reached."))] = False,
    result: Annotated[str | None, Opt(help=N_("Not reached: no-answer, busy, wrong-number or call-later."))] = None,
    satisfied: Annotated[bool, Opt("--satisfied", help=N_("Reached and satisfied: the case closes."))] = False,
    partly: Annotated[bool, Opt("--partly", help=N_("Reached and partly satisfied: the case closes."))] = False,
    unsatisfied: Annotated[bool, Opt("--unsatisfied", help=N_("Reached and not satisfied: the case reopens."))] = False,
    signed: Annotated[bool | None, Opt("--signed/--not-signed", help=N_("On-site visits: did the customer sign the record."))] = None,
    later: Annotated[str | None, Opt("--later", help=N_("call-later: when the customer asked to be called."))] = None,
    note: Annotated[str, Opt(help=N_("What the customer said (for not satisfied: the new corrective action)."))] = "",
    callers: Annotated[str | None, Opt("--callers", help=N_("Who made it, comma-separated: \"Ma Jun,Lin Tao\" (default: --by)."))] = None,
    confirmed: Annotated[str | None, Opt("--confirmed", help=N_("How the customer confirmed: signed, phone or refused."))] = None,
    by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False,
):
    desk = desk_for(db)
    chosen = [s for s, flag in ((Satisfaction.satisfied, satisfied), (Satisfaction.partly, partly),
                                (Satisfaction.unsatisfied, unsatisfied)) if flag]
    if len(chosen) > 1:
        raise Failure(_("give one of --satisfied, --partly or --unsatisfied"))
    if reached and result:
        raise Failure(_("give either --reached or --result, not both"))
    if not reached and not result:
        raise Failure(_("say how the call went: --reached (with --satisfied, --partly or --unsatisfied) or --result no-answer|busy|wrong-number|call-later"))
    outcome = AttemptResult.reached if reached else choice(AttemptResult, result, pgettext("choice", "callback result"))
    view = record_callback(desk, case_id, outcome, chosen[0] if chosen else None, note, signed,
                           when(desk, later, "--later"), by=signed_in(desk, by), at=when(desk, at, "--at"),
                           callers=callers.replace("，", ",").split(",") if callers else None,
                           confirmation=choice(Confirmation, confirmed, pgettext("choice", "customer confirmation")))
    _done(desk, view, as_json)


@described(N_("Void a mistaken case. It is kept, with its history and the reason; this cannot be undone."))
@plain_errors
def void(case_id: CaseId, reason: Annotated[str, Opt(help=N_("Why the case was a mistake."))] = "",
         yes: Annotated[bool, Opt("--yes", help=N_("Do not ask for confirmation."))] = False,
         by: ByOption = None, at: AtOption = None, db: DbOption = None, as_json: JsonOption = False):
    desk = desk_for(db)
    if not yes:
        if not sys.stdin.isatty():
            raise Failure(_("voiding cannot be undone: add --yes to confirm"))
        typer.confirm(_("Void case {number}? This cannot be undone").format(number=case_id), abort=True)
    _done(desk, workflow.void(desk, case_id, _need(reason, "--reason", _("entered twice")), by=signed_in(desk, by), at=when(desk, at, "--at")), as_json)


COMMANDS = (forward, acknowledge, escalate, notify, severity, validity, note, pause, resume, arrive, resolve, callback, void)
