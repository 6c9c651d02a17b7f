"""Who may do what. Night duty and receptionists record, forward, note and call back; some
decisions are the supervisor's alone."""

from __future__ import annotations

from deskapp.domain.enums import Role
from deskapp.i18n import N_, _

# operation -> the sentence a refusal opens with
_SUPERVISOR_ONLY = {
    "void": N_("only a supervisor can void a case"),
    "reassign": N_("only a supervisor can give a case another owner"),
    "retime": N_("only a supervisor can re-time the open clocks"),
}
_SUPERVISOR_ONCE_FORWARDED = {
    "severity": N_("only a supervisor can change the severity once the case is forwarded"),
}


def refusal(operation: str, role: Role, forwarded: bool) -> str | None:
    """None when someone in this role may do it; otherwise the start of the sentence that says why not."""
    if role is Role.supervisor:
        return None
    if operation in _SUPERVISOR_ONLY:
        return _(_SUPERVISOR_ONLY[operation])
    if forwarded and operation in _SUPERVISOR_ONCE_FORWARDED:
        return _(_SUPERVISOR_ONCE_FORWARDED[operation])
    return None
