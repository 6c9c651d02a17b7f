"""Which desk operation may be done to a case in which status, and the sentence when it may not."""

from __future__ import annotations

from deskapp.domain.enums import Status

S = Status
_ACTIVE = frozenset({S.received, S.forwarded, S.in_progress, S.waiting})

# operation -> (statuses it accepts, how to say it in "cannot be ...")
_ALLOWED: dict[str, tuple[frozenset[Status], str]] = {
    "forward": (frozenset({S.received, S.forwarded, S.in_progress}), "forwarded"),
    "acknowledge": (frozenset({S.forwarded}), "acknowledged"),
    "escalate": (_ACTIVE, "escalated"),
    "notify": (_ACTIVE | {S.resolved}, "notified about"),
    "severity": (_ACTIVE | {S.resolved}, "given a new severity"),
    "validity": (_ACTIVE | {S.resolved}, "given a validity decision"),
    "note": (frozenset(Status) - {S.void}, "noted"),
    "pause": (frozenset({S.received, S.forwarded, S.in_progress}), "paused"),
    "resume": (frozenset({S.waiting}), "resumed"),
    "arrive": (frozenset({S.forwarded, S.in_progress, S.waiting}), "marked as arrived"),
    "resolve": (_ACTIVE, "resolved"),
    "callback": (frozenset({S.resolved}), "called back"),
    "void": (frozenset(Status) - {S.void}, "voided"),
}

_WHY = {
    S.received: "it has not been forwarded yet",
    S.forwarded: "it is forwarded and not yet acknowledged",
    S.in_progress: "it is in progress",
    S.waiting: "it is waiting on the customer (resume it first)",
    S.resolved: "it is resolved and awaiting its callback",
    S.closed: "it is closed",
    S.void: "it was voided",
}


def refusal(operation: str, status: Status, case_id: int | None) -> str | None:
    """None when the operation is allowed; otherwise the sentence that says why not."""
    allowed, verb = _ALLOWED[operation]
    if status in allowed:
        return None
    return f"case {case_id} cannot be {verb}: {_WHY[status]}"


def status_while_working(forwarded: bool, acknowledged: bool, investigated: bool) -> Status:
    """Where an active case stands when it is not waiting on the customer."""
    if acknowledged or investigated:
        return S.in_progress
    return S.forwarded if forwarded else S.received
