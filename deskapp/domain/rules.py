"""Which desk operation may be done to a case in which status, and the sentence when it may not."""

from __future__ import annotations

from deskapp.domain.enums import Status
from deskapp.i18n import N_, NP_, _, pgettext

S = Status
_ACTIVE = frozenset({S.received, S.forwarded, S.in_progress, S.waiting})

# operation -> (statuses it accepts, the sentence when it cannot be done)
_ALLOWED: dict[str, tuple[frozenset[Status], str]] = {
    "forward": (frozenset({S.received, S.forwarded, S.in_progress}), N_("case {number} cannot be forwarded")),
    "acknowledge": (frozenset({S.forwarded}), N_("case {number} cannot be acknowledged")),
    "escalate": (_ACTIVE, N_("case {number} cannot be escalated")),
    "notify": (_ACTIVE | {S.resolved}, N_("case {number} cannot be notified about")),
    "severity": (_ACTIVE | {S.resolved}, N_("case {number} cannot be given a new severity")),
    "validity": (_ACTIVE | {S.resolved}, N_("case {number} cannot be given a validity decision")),
    "note": (frozenset(Status) - {S.void}, N_("case {number} cannot be noted")),
    "pause": (frozenset({S.received, S.forwarded, S.in_progress}), N_("case {number} cannot wait on the customer now")),
    "resume": (frozenset({S.waiting}), N_("case {number} cannot be resumed")),
    "arrive": (frozenset({S.forwarded, S.in_progress, S.waiting}), N_("case {number} cannot be marked as arrived")),
    "resolve": (_ACTIVE, N_("case {number} cannot be resolved")),
    "callback": (frozenset({S.resolved}), N_("case {number} cannot be called back")),
    "confirm": (frozenset({S.resolved}), N_("case {number} has no result to confirm")),
    "void": (frozenset(Status) - {S.void}, N_("case {number} cannot be voided")),
    # Correcting without voiding (deskapp.desk.amend).
    "amend": (frozenset(Status) - {S.void}, N_("case {number} cannot be corrected")),
    "convert": (frozenset(Status) - {S.void}, N_("case {number} cannot be made a complaint")),
    "reassign": (frozenset(Status) - {S.void}, N_("case {number} cannot be given another owner")),
    "retime": (_ACTIVE | {S.resolved}, N_("case {number} cannot be re-timed")),
    "outside_party": (_ACTIVE | {S.resolved}, N_("case {number} cannot be given an outside party")),
    # The monthly management review looks at cases after they are done as well.
    "review": (frozenset(Status) - {S.void}, N_("case {number} cannot go to the management review")),
    # The internal coordination work order, follow-ups and chasing (deskapp.desk.coordination).
    "action": (_ACTIVE | {S.resolved}, N_("case {number} cannot be given an action")),
    "action_done": (frozenset(Status) - {S.void}, N_("case {number} cannot have an action recorded done")),
    "followup": (frozenset(Status) - {S.void}, N_("case {number} cannot have a follow-up checked")),
    "chase": (_ACTIVE | {S.resolved}, N_("case {number} cannot be chased")),
    # A batch incident (deskapp.desk.incidents): an open case joins one; any case may leave one still open.
    "incident": (_ACTIVE, N_("case {number} cannot be linked to an incident")),
    "incident_unlink": (frozenset(Status) - {S.void}, N_("case {number} cannot be taken out of its incident")),
}

_WHY = {
    S.received: N_("it has not been forwarded yet"),
    S.forwarded: N_("it is forwarded and not yet acknowledged"),
    S.in_progress: N_("it is in progress"),
    S.waiting: N_("it is waiting on the customer (resume it first)"),
    S.resolved: N_("it is resolved and awaiting its callback"),
    S.closed: N_("it is closed"),
    S.void: N_("it was voided"),
}

# The operations (and history actions) as a sentence names them: "the forward time ...". In English
# the name is the operation itself, as the desk has always written it.
_NAMES: dict[str, tuple[str, str]] = {
    "intake": NP_("operation", "intake"),
    "forward": NP_("operation", "forward"),
    "acknowledge": NP_("operation", "acknowledge"),
    "escalate": NP_("operation", "escalate"),
    "notify": NP_("operation", "notify"),
    "severity": NP_("operation", "severity"),
    "validity": NP_("operation", "validity"),
    "note": NP_("operation", "note"),
    "pause": NP_("operation", "waiting"),
    "resume": NP_("operation", "resume"),
    "arrive": NP_("operation", "arrive"),
    "resolve": NP_("operation", "resolve"),
    "callback": NP_("operation", "callback"),
    "review": NP_("operation", "management review"),
    "review_flag": NP_("operation", "management review"),
    "confirm": NP_("operation", "confirm"),
    "reopen": NP_("operation", "reopen"),
    "void": NP_("operation", "void"),
    "amend": NP_("operation", "correction"),
    "convert": NP_("operation", "conversion"),
    "reassign": NP_("operation", "reassignment"),
    "retime": NP_("operation", "re-time"),
    "outside_party": NP_("operation", "outside party"),
    "action": NP_("operation", "action"),
    "action_done": NP_("operation", "action done"),
    "followup": NP_("operation", "follow-up"),
    "chase": NP_("operation", "chase"),
    "incident": NP_("operation", "incident"),
    "incident_unlink": NP_("operation", "incident"),
}


def operation_name(operation: str) -> str:
    """'forward' / '转派': an operation or history action named inside a sentence."""
    marked = _NAMES.get(operation)
    return pgettext(*marked) if marked else operation


def refusal(operation: str, status: Status, case_id: int | None) -> str | None:
    """None when the operation is allowed; otherwise the sentence that says why not."""
    allowed, cannot = _ALLOWED[operation]
    if status in allowed:
        return None
    return _("{cannot}: {why}").format(cannot=_(cannot).format(number=case_id), why=_(_WHY[status]))


def status_while_working(forwarded: bool, acknowledged: bool, investigated: bool) -> Status:
    """Where an active case stands when it is not waiting on the customer."""
    if acknowledged or investigated:
        return S.in_progress
    return S.forwarded if forwarded else S.received
