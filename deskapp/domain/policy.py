"""The clock policy: which clocks run for which cases, from which event, for how long.

The numbers live in `data/policy.toml`; this module turns the parsed file into rules and refuses a
file it cannot make sense of, in words a supervisor can act on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import Enum, StrEnum
from typing import Any

from deskapp.domain.enums import (
    CallbackMethod,
    ClockName,
    Counting,
    Kind,
    Role,
    Satisfaction,
    Severity,
    Validity,
)
from deskapp.i18n import _


class PolicyError(ValueError):
    """The policy file says something the desk cannot run on."""


class StartEvent(StrEnum):
    received = "received"
    forwarded = "forwarded"  # for a repair, forwarding is its work order
    resolved = "resolved"
    validity = "validity"  # the responsible department's validity decision
    outside_party = "outside_party"  # the desk recorded that another unit or outside party is involved


class Requested(StrEnum):
    """What a customer-requested deadline does to a clock."""

    ignore = "ignore"
    replaces = "replaces"  # replaces the default limit when the customer asked for a time
    sooner = "sooner"  # the sooner of the customer's time and the limit: a hard limit never stretches
    only = "only"  # the clock runs only when the customer asked for a time


@dataclass(frozen=True)
class ClockRule:
    name: ClockName
    kinds: frozenset[Kind]
    severities: frozenset[Severity] | None  # None: any severity, or none at all
    starts: StartEvent
    span: timedelta | None
    counting: Counting
    requested: Requested = Requested.ignore
    promised: bool = False  # due at the time the desk promised the customer an answer
    validity: Validity | None = None  # runs only once validity is decided this way
    pausable: bool = False  # waiting on the customer stops this clock
    restarts_on_reopen: bool = False  # reopening starts it afresh from the reopening
    callers: tuple[Role, ...] = ()  # callback: who must make it
    method: CallbackMethod | None = None  # callback: by phone or on site
    urgent_span: timedelta | None = None  # an urgent case: this many wall-clock minutes, at any hour
    appointment: bool = False  # due at the later of the limit and the time booked with the customer

    def applies_to(self, kind: Kind, severity: Severity | None) -> bool:
        if kind not in self.kinds:
            return False
        return self.severities is None or severity in self.severities


@dataclass(frozen=True)
class Targets:
    """The shares the supervisor is judged on (from [targets]), each between 0 and 1, and how the
    satisfaction share counts a partly satisfied customer."""

    on_time: float = 1.0  # every clock met by its due time
    callback_rate: float = 1.0  # callbacks made by their due time
    satisfaction: float = 0.95  # customers satisfied, of those reached
    # How a "partly satisfied" customer counts in that share: as satisfied, or not (DOMAIN.md's
    # "customers satisfied": only those who said so).
    partly_counts_as: Satisfaction = Satisfaction.unsatisfied


@dataclass(frozen=True)
class Policy:
    rules: tuple[ClockRule, ...]
    due_soon_share: float = 0.25
    due_soon_minutes: float = 0.0
    callback_retry: timedelta = timedelta(hours=2)
    callback_max_failed: int = 3
    backups_kept: int = 14
    targets: Targets = field(default_factory=lambda: Targets())
    _by_case: dict = field(default_factory=dict, compare=False, repr=False)

    def rules_for(self, kind: Kind, severity: Severity | None) -> tuple[ClockRule, ...]:
        key = (kind, severity)
        found = self._by_case.get(key)
        if found is None:
            found = tuple(r for r in self.rules if r.applies_to(kind, severity))
            self._by_case[key] = found
        return found

    def rule(self, name: ClockName, kind: Kind, severity: Severity | None) -> ClockRule | None:
        for r in self.rules_for(kind, severity):
            if r.name is name:
                return r
        return None


def policy_from_dict(data: dict[str, Any]) -> Policy:
    """Build a Policy from the parsed `policy.toml`; every mistake is reported with its place."""
    states = data.get("states", {})
    callbacks = data.get("callbacks", {})
    rules = tuple(_rule(i, raw) for i, raw in enumerate(data.get("clock", []), start=1))
    if not rules:
        raise PolicyError(_("the policy has no [[clock]] entries"))
    share = _number(states, "due_soon_share", 0.25, "[states]")
    if not 0 <= share <= 1:
        raise PolicyError(_("[states] due_soon_share must be between 0 and 1, for example 0.25"))
    return Policy(
        rules=rules,
        due_soon_share=share,
        due_soon_minutes=_number(states, "due_soon_minutes", 0, "[states]"),
        callback_retry=timedelta(minutes=_number(callbacks, "retry_minutes", 120, "[callbacks]")),
        callback_max_failed=int(_number(callbacks, "max_failed_attempts", 3, "[callbacks]")),
        backups_kept=max(1, int(_number(data.get("backups", {}), "keep", 14, "[backups]"))),
        targets=_targets(data.get("targets", {})),
    )


def _targets(raw: dict[str, Any]) -> Targets:
    defaults = Targets()
    values = {}
    for name in ("on_time", "callback_rate", "satisfaction"):
        value = _number(raw, name, getattr(defaults, name), "[targets]")
        if not 0 <= value <= 1:
            raise PolicyError(_("[targets] {name} must be a share between 0 and 1, for example 0.95").format(name=name))
        values[name] = float(value)
    partly = raw.get("partly_counts_as", defaults.partly_counts_as.value)
    if partly not in (Satisfaction.satisfied, Satisfaction.unsatisfied):
        raise PolicyError(_("[targets] partly_counts_as must be \"satisfied\" or \"unsatisfied\", not {value}").format(
            value=repr(partly)))
    return Targets(**values, partly_counts_as=Satisfaction(partly))


def _rule(index: int, raw: dict[str, Any]) -> ClockRule:
    where = _("clock #{number}").format(number=index)
    name = _choice(ClockName, raw.get("name"), f"{where} name")
    where = _("clock #{number} ({name})").format(number=index, name=name)
    kinds = frozenset(_choice(Kind, k, f"{where} kinds") for k in _list(raw, "kinds", where))
    if not kinds:
        raise PolicyError(_("{where} needs kinds, for example kinds = [\"complaint\"]").format(where=where))
    severities = None
    if "severities" in raw:
        severities = frozenset(
            _choice(Severity, s, f"{where} severities") for s in _list(raw, "severities", where)
        )
    requested = _choice(Requested, raw.get("requested", "ignore"), f"{where} requested")
    promised = bool(raw.get("promised", False))
    span = _span(raw, where)
    if span is None and requested is not Requested.only and not promised and "urgent_minutes" not in raw:
        raise PolicyError(_("{where} needs a limit: minutes, hours or days").format(where=where))
    validity = raw.get("validity")
    return ClockRule(
        name=name,
        kinds=kinds,
        severities=severities,
        starts=_choice(StartEvent, raw.get("starts", "received"), f"{where} starts"),
        span=span,
        counting=_choice(Counting, raw.get("counting", "working"), f"{where} counting"),
        requested=requested,
        promised=promised,
        validity=None if validity is None else _choice(Validity, validity, f"{where} validity"),
        pausable=bool(raw.get("pausable", False)),
        restarts_on_reopen=bool(raw.get("restarts_on_reopen", False)),
        callers=tuple(_choice(Role, r, f"{where} callers") for r in raw.get("callers", [])),
        method=None if "method" not in raw else _choice(CallbackMethod, raw["method"], f"{where} method"),
        urgent_span=_urgent(raw, where),
        appointment=bool(raw.get("appointment", False)),
    )


def _urgent(raw: dict[str, Any], where: str) -> timedelta | None:
    if "urgent_minutes" not in raw:
        return None
    minutes = _number(raw, "urgent_minutes", 0, where)
    if minutes <= 0:
        raise PolicyError(_("{where}: {unit} must be more than 0").format(where=where, unit="urgent_minutes"))
    return timedelta(minutes=minutes)


def _span(raw: dict[str, Any], where: str) -> timedelta | None:
    given = [unit for unit in ("minutes", "hours", "days") if unit in raw]
    if not given:
        return None
    if len(given) > 1:
        raise PolicyError(_("{where}: give the limit once, in minutes, hours or days, not {units}").format(
            where=where, units=" and ".join(given)))
    unit = given[0]
    amount = _number(raw, unit, 0, where)
    if amount <= 0:
        raise PolicyError(_("{where}: {unit} must be more than 0").format(where=where, unit=unit))
    return timedelta(**{unit: amount})


def _choice(enum: type[Enum], value: Any, where: str) -> Any:
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise PolicyError(_("{where}: {value} is not one of {allowed}").format(
            where=where, value=repr(value), allowed=allowed)) from None


def _list(raw: dict[str, Any], key: str, where: str) -> list:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise PolicyError(_("{where}: {key} must be a list, for example {key} = [\"...\"]").format(where=where, key=key))
    return value


def _number(raw: dict[str, Any], key: str, default: float, where: str) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PolicyError(_("{where}: {key} must be a number, not {value}").format(where=where, key=key, value=repr(value)))
    return value
