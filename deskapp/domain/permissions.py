"""Who may do what. The rules are the supervisor's (data/permissions.toml); this module only reads
them against a person and a case, so it holds no names and no wording of its own beyond the refusal
sentences.

Two modes. A desk where somebody has a PIN is *accountable*: every step belongs to the people its
rule names. A desk where nobody has a PIN yet cannot tell who is typing, so it keeps the rules the
desk had before PINs (`refusal`): voiding, and changing a forwarded case's severity, are the
supervisor's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from deskapp.domain.enums import Role, Validity
from deskapp.i18n import N_, _

# Who a rule may name besides a role.
RESPONSIBLE_DEPARTMENT = "responsible_department"  # anyone of the department the case is with
RESPONSIBLE_MANAGER = "responsible_manager"  # that department's manager
RESPONSIBLE_STAFF = "responsible_staff"  # that department's staff (role "staff")
ANYONE = "anyone"
_RELATIVE = (RESPONSIBLE_DEPARTMENT, RESPONSIBLE_MANAGER, RESPONSIBLE_STAFF, ANYONE)

# operation -> the sentence a refusal opens with, before PINs. Retiming and reassigning are new steps
# with no habit to keep, so they are the supervisor's from the start.
_SUPERVISOR_ONLY = {
    "void": N_("only a supervisor can void a case"),
    "reassign": N_("only a supervisor can give a case another owner"),
    "retime": N_("only a supervisor can re-time the open clocks"),
}
_SUPERVISOR_ONCE_FORWARDED = {
    "severity": N_("only a supervisor can change the severity once the case is forwarded"),
}


def refusal(operation: str, role: Role, forwarded: bool) -> str | None:
    """Before PINs: None when someone in this role may do it; otherwise the start of the sentence that says why not."""
    if role is Role.supervisor:
        return None
    if operation in _SUPERVISOR_ONLY:
        return _(_SUPERVISOR_ONLY[operation])
    if forwarded and operation in _SUPERVISOR_ONCE_FORWARDED:
        return _(_SUPERVISOR_ONCE_FORWARDED[operation])
    return None


@dataclass(frozen=True)
class Person:
    role: Role
    department_id: int | None


@dataclass(frozen=True)
class StepRules:
    """step -> who may take it; `once_forwarded` replaces a step's rule after forwarding."""

    steps: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    once_forwarded: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def who(self, step: str, forwarded: bool) -> tuple[str, ...]:
        """Whom the rule names; (ANYONE,) for a step nobody restricted."""
        if forwarded and step in self.once_forwarded:
            return self.once_forwarded[step]
        return self.steps.get(step, (ANYONE,))

    def allows(self, step: str, person: Person, department_id: int | None, forwarded: bool = False) -> bool:
        """May this person take this step on a case with this department (None: not forwarded yet)?"""
        return any(_fits(who, person, department_id) for who in self.who(step, forwarded))


def _fits(who: str, person: Person, department_id: int | None) -> bool:
    ours = department_id is not None and person.department_id == department_id
    if who == ANYONE:
        return True
    if who == RESPONSIBLE_DEPARTMENT:
        return ours
    if who == RESPONSIBLE_MANAGER:
        return ours and person.role is Role.department_manager
    if who == RESPONSIBLE_STAFF:
        return ours and person.role is Role.staff
    return person.role.value == who


def rules_from_dict(raw: Mapping) -> StepRules:
    """permissions.toml's [steps] and [once_forwarded]; a name that is neither a role nor one of the
    relative words is refused, naming the step."""
    def read(table: str) -> dict[str, tuple[str, ...]]:
        out = {}
        for step, who in dict(raw.get(table, {})).items():
            if isinstance(who, str) or not isinstance(who, Iterable):
                raise ValueError(_("[{table}] {step}: a list of who may take it").format(table=table, step=step))
            for name in who:
                if name not in _RELATIVE and name not in {r.value for r in Role}:
                    raise ValueError(_("[{table}] {step}: {name!r} is neither a role nor one of: {words}").format(
                        table=table, step=step, name=name, words=", ".join(_RELATIVE)))
            out[step] = tuple(who)
        return out

    return StepRules(read("steps"), read("once_forwarded"))


@dataclass(frozen=True)
class PinPolicy:
    digits: int = 6
    wrong_before_lock: int = 5
    lock: timedelta = timedelta(minutes=30)

    def well_formed(self, pin: str) -> bool:
        return len(pin) == self.digits and pin.isascii() and pin.isdigit()

    def locked_until(self, failures: int, now: datetime) -> datetime | None:
        """After the failure that reaches the limit, the name is locked until this time."""
        return now + self.lock if failures >= self.wrong_before_lock else None


@dataclass(frozen=True)
class Ground:
    """A ground a validity decision is taken on: its key as stored, the decision it supports, its names."""

    key: str
    validity: Validity
    names: Mapping[str, str]


def missing_callers(caller_roles: Iterable[Role], present: Iterable[Person], department_id: int | None) -> list[Role]:
    """The callers a callback's rule names (policy.toml's `callers`) that nobody present is.

    A department manager on the list means the manager of the case's department; any other role,
    anyone in it (the project manager on site)."""
    present = list(present)

    def there(role: Role) -> bool:
        if role is Role.department_manager:
            return any(p.role is role and p.department_id == department_id for p in present)
        return any(p.role is role for p in present)

    return [role for role in caller_roles if not there(role)]
