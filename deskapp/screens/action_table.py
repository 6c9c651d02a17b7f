"""The desk's actions on a case, as a table: what each is called, its key, what it asks, and the
workflow service that does it. The modal and the screens' keys (screens/actions.py) read it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from deskapp.desk import workflow
from deskapp.desk.callbacks import confirm_result
from deskapp.desk.coordination import chase
from deskapp.desk.grounds import grounds_for
from deskapp.domain.enums import NoteKind, Severity, Status, Validity
from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _
from deskapp.models import Case
from deskapp.reads.queue import Directory
from deskapp.reads.views import CaseView
from deskapp.store.context import Desk
from deskapp.words.labels import complaint_label, label, labelled


@dataclass(frozen=True)
class Ask:
    """One thing an action asks for. The name is the field the service names in its refusals."""

    name: str
    label: str  # an English msgid, marked N_; shown translated
    choices: str | None = None  # "departments", "staff", "validity", "ground", "severity" or "note_kind": a list
    optional: bool = False


Values = dict[str, str]
Run = Callable[[Desk, int, str | None, Values, int | None], CaseView]


@dataclass(frozen=True)
class Action:
    """Its words are English msgids marked N_, translated where they are shown."""

    name: str
    title: str
    key: str
    done: str  # "case {number} forwarded": what the notification says happened
    asks: tuple[Ask, ...]
    run: Run
    confirm: bool = False  # asks "are you sure" before doing it (voiding)


def _forward(desk, case_id, by, v, version):
    if not v.get("department"):
        raise DeskError(_("choose the department to forward to"), "department")
    return workflow.forward(desk, case_id, v["department"], v.get("person") or None, v.get("note", ""),
                            by=by, expected_version=version)


def _validity(desk, case_id, by, v, version):
    decision = Validity(v["validity"]) if v.get("validity") else Validity.undecided
    return workflow.set_validity(desk, case_id, decision, v.get("reason", ""), by=by, expected_version=version,
                                 ground=v.get("ground") or None)


def _note(desk, case_id, by, v, version):
    kind = NoteKind(v["kind"]) if v.get("kind") else NoteKind.progress
    return workflow.add_note(desk, case_id, v.get("text", ""), kind, by=by, expected_version=version)


def _severity(desk, case_id, by, v, version):
    if not v.get("severity"):
        raise DeskError(_("choose the new severity"), "severity")
    return workflow.set_severity(desk, case_id, Severity(v["severity"]), v.get("reason", ""), by=by,
                                 expected_version=version)


def _notify(desk, case_id, by, v, version):
    if not v.get("manager"):
        raise DeskError(_("choose the manager who was called"), "manager")
    return workflow.notify(desk, case_id, v["manager"], v.get("note", ""), by=by)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action("forward", N_("Forward"), "f", N_("case {number} forwarded"),
               (Ask("department", N_("Department"), "departments"), Ask("person", N_("Person (optional)"), "staff", True),
                Ask("note", N_("Note (optional)"), optional=True)), _forward),
        Action("acknowledge", N_("Acknowledge"), "a", N_("case {number} acknowledged"), (),
               lambda d, c, by, v, ver: workflow.acknowledge(d, c, by=by, expected_version=ver)),
        Action("escalate", N_("Escalate"), "e", N_("case {number} escalated to operations management and leadership"),
               (Ask("note", N_("Note (optional)"), optional=True),),
               lambda d, c, by, v, ver: workflow.escalate(d, c, v.get("note", ""), by=by, expected_version=ver)),
        Action("note", N_("Add note"), "n", N_("case {number} noted"),
               (Ask("kind", N_("Kind of note"), "note_kind"), Ask("text", N_("Note"))), _note),
        Action("validity", N_("Set validity"), "v", N_("case {number} given its validity"),
               (Ask("validity", N_("Decision"), "validity"), Ask("ground", N_("Ground (from the manuals)"), "ground", True),
                Ask("reason", N_("Reason"))), _validity),
        Action("confirm", N_("Sign result"), "g", N_("case {number}'s result confirmed by its department's manager"), (),
               lambda d, c, by, v, ver: confirm_result(d, c, by=by, expected_version=ver)),
        Action("pause", N_("Wait on customer"), "p", N_("case {number} is waiting on the customer (its clocks stop)"),
               (Ask("reason", N_("Waiting for")),),
               lambda d, c, by, v, ver: workflow.pause(d, c, v.get("reason", ""), by=by, expected_version=ver)),
        Action("resume", N_("Resume"), "p", N_("case {number} resumed (clocks running again)"),
               (Ask("note", N_("Note (optional)"), optional=True),),
               lambda d, c, by, v, ver: workflow.resume(d, c, v.get("note", ""), by=by, expected_version=ver)),
        Action("resolve", N_("Resolve"), "r", N_("case {number} resolved"), (Ask("outcome", N_("Outcome")),),
               lambda d, c, by, v, ver: workflow.resolve(d, c, v.get("outcome", ""), by=by, expected_version=ver)),
        Action("arrive", N_("Trade arrived"), "w", N_("case {number}: the trade's arrival on site recorded"), (),
               lambda d, c, by, v, ver: workflow.record_arrival(d, c, by=by, expected_version=ver)),
        Action("severity", N_("Revise severity"), "l", N_("case {number} has its new severity"),
               (Ask("severity", N_("New severity"), "severity"), Ask("reason", N_("Reason"))), _severity),
        Action("notify", N_("Manager called"), "u", N_("case {number}: the manager's call recorded"),
               (Ask("manager", N_("Manager called"), "staff"), Ask("note", N_("Note (optional)"), optional=True)),
               _notify),
        # The caller called again, or a supervisor pressed the department (催办): as `deskapp chase`.
        Action("chase", N_("Chase"), "b", N_("case {number} chased: one more chase of the department it is with"),
               (Ask("note", N_("What the caller said, or what the department was asked (optional)"), optional=True),),
               lambda d, c, by, v, ver: chase(d, c, v.get("note", ""), by=by, expected_version=ver)),
        Action("void", N_("Void"), "x", N_("case {number} voided"), (Ask("reason", N_("Reason for voiding")),),
               lambda d, c, by, v, ver: workflow.void(d, c, v.get("reason", ""), by=by, expected_version=ver),
               confirm=True),
    )
}


def chosen(action_name: str, case: Case) -> Action:
    """'wait' is pause or resume, whichever the case's status calls for."""
    if action_name == "wait":
        action_name = "resume" if case.status is Status.waiting else "pause"
    return ACTIONS[action_name]


def action_title(action: Action, case_id: int) -> str:
    """'Forward case 12' / '转派工单 12'."""
    return _("{action} case {number}").format(action=_(action.title), number=case_id)


def choices_for(kind: str, names: Directory | None) -> list[tuple[str, str]]:
    """(shown, value): the values stay the stored identifiers, shown by their labels."""
    if kind == "validity":
        return [(label(v), v.value) for v in (Validity.valid, Validity.invalid)]
    if kind == "severity":
        return [(label(s), s.value) for s in Severity]
    if kind == "note_kind":
        return [(shown, k.value) for shown, k in labelled(NoteKind)]
    if kind == "ground":  # each ground says which decision it supports
        return [(_("{decision}: {ground}").format(decision=complaint_label(v), ground=shown), key)
                for v in (Validity.valid, Validity.invalid) for key, shown in grounds_for(v)]
    if names is None:
        return []
    found = names.departments if kind == "departments" else names.staff
    return [(n, n) for n in found]
