"""The rows of the bulk generator's cases (see `bulk`), made a chunk at a time, in this process or in a worker.

Each row is a plain tuple in the order of COLUMNS, with the history's JSON and hashes written out as
the services would have written them, so that the load need not go through the ORM.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from hashlib import sha256
from json.encoder import encode_basestring

from deskapp.config.places import place_key
from deskapp.generate.demo_en import (
    ASSISTANCE,
    BUILDINGS,
    COMPANIES,
    COMPLAINTS,
    INQUIRIES,
    REPAIRS,
    SUGGESTIONS,
    SURNAMES,
)

_KINDS = ["repair"] * 35 + ["inquiry"] * 30 + ["complaint"] * 25 + ["assistance"] * 5 + ["suggestion"] * 5
_SEVERITIES = ["general"] * 65 + ["minor"] * 25 + ["major"] * 10
_CHANNELS = ["phone"] * 70 + ["visit"] * 12 + ["email"] * 9 + ["staff"] * 7 + ["letter"] * 2
_OPEN = ["received", "forwarded", "in_progress", "in_progress", "waiting"]
_WORKED_ON = ("repair", "complaint", "assistance")
WHAT = {  # category, what the caller said, the outcome
    "repair": [(r[0], r[1], r[2]) for r in REPAIRS],
    "complaint": [(c[0], c[1], c[2]) for c in COMPLAINTS],
    "inquiry": [(q[0], q[1], q[2]) for q in INQUIRIES],
    "assistance": [(a[0], a[1], "Done as asked") for a in ASSISTANCE],
    "suggestion": [(s[0], s[2], s[3]) for s in SUGGESTIONS],
}
MINUTE, HOUR, DAY = 60_000_000, 3_600_000_000, 86_400_000_000  # in microseconds

# Columns written, per table, in the order rows are made; parents before children.
COLUMNS = {
    "cases": ("id", "channel", "kind", "severity", "category", "who", "company", "which", "building", "floor",
              "unit", "place_key", "what", "phone", "received_at", "received_by_id", "after_hours", "status", "department_id",
              "forwarded_at", "acknowledged_at", "arrived_at", "resolved_at", "outcome", "callback_at",
              "paused_since", "version"),
    "forwardings": ("case_id", "department_id", "at", "by_id", "acknowledged_at", "acknowledged_by_id"),
    "pauses": ("case_id", "started_at", "ended_at", "reason", "by_id"),
    "resolutions": ("case_id", "at", "by_id", "outcome"),
    "callbacks": ("id", "case_id", "due_at", "callers", "method", "done_at", "satisfaction"),
    "callback_attempts": ("callback_id", "at", "by_id", "satisfaction", "signed"),
    "history": ("case_id", "seq", "at", "recorded_at", "actor_id", "action", "changes", "details", "note",
                "prev_hash", "hash"),
    # Each clock as the desk stores it when the clock starts (desk/clocks.py), met_at mirrored.
    "case_clocks": ("case_id", "name", "started_at", "due_at", "counting", "allowance_us", "pausable", "met_at",
                    "policy_version", "calendar_version"),
}
# Which fact meets each clock, as domain/clocks.py's _MET_BY (the facts a bulk case can have).
_MET_BY = {"forward": "forwarded", "escalate": "escalated", "resolve": "resolved", "arrive": "arrived",
           "callback": "callback", "explain": "explained", "analyse": "analysed", "answer": "resolved",
           "contact": "contacted"}
_CASE_DEFAULTS = dict.fromkeys(COLUMNS["cases"]) | {"outcome": ""}
Rows = dict[str, list[tuple]]


@dataclass(frozen=True)
class Plan:
    """What every chunk needs to know (made by `bulk`): plain values only, so that a worker process can be
    handed it."""

    seed: int
    now: int  # microseconds since the epoch, UTC
    first_id: int
    callback_base: int  # a case's callback has the id case id + this
    open_from: int  # index of the first open case: the newest are open
    callback_from: int  # and just before them, those awaiting their callback
    receptionists: tuple[int, ...]
    routes: dict[str, tuple[str, int, int]]  # category: the department's name and id, and its manager's id
    callbacks: dict[tuple[str, str | None], tuple[str, str, int, bool]]  # callers, method, µs, working time?
    opens: tuple[int, ...]  # each working day's opening and closing, µs since the epoch
    closes: tuple[int, ...]
    worked: tuple[int, ...]  # working µs before each working day's opening
    # (kind, severity): the clocks a case of that kind starts, as (name, start event, µs, working time?,
    # pausable); only the rules with a limit of their own (none here asks, promises or is urgent)
    clocks: dict[tuple[str, str | None], tuple[tuple[str, str, int, bool, bool], ...]] = field(default_factory=dict)
    versions: tuple[str, str] = ("", "")  # rules_versions(): what the stored dues were computed under


def make_chunk(plan: Plan, start: int, times: list[int]) -> Rows:
    # Seeded by where the chunk starts, so a load is the same whichever process makes which chunk.
    chunk = _Chunk(plan, random.Random(plan.seed * 1_000_003 + start))
    for offset, received in enumerate(times):
        n = start + offset
        stage = "open" if n >= plan.open_from else "callback" if n >= plan.callback_from else "closed"
        chunk.case(plan.first_id + n, received, stage)
    return chunk.rows


class _Chunk:
    """The rows of a run of cases, each a tuple in the order of COLUMNS. Times are µs since the epoch."""

    def __init__(self, plan: Plan, rng: random.Random):
        self.plan = plan
        self.rng = rng
        self.rows: Rows = {table: [] for table in COLUMNS}
        self._prev = ""  # the hash of the case's latest event
        self._events = 0
        self._outcome = ""
        self._facts: dict[str, int] = {}  # the case's clock facts so far (µs): what starts and meets its clocks

    def case(self, case_id: int, received: int, stage: str) -> None:
        at = _moment(received)
        c = self._caller(case_id, received, at, stage)
        self._prev, self._events, self._facts = "", 0, {"received": received}
        self.event(c, at, c["received_by_id"], "intake", _intake_changes(c, at))
        if stage == "open":
            self._open(c, received)
        else:
            self._done(c, received, stage)
        c["version"] = self._events  # each operation bumps the version and writes one event
        self.rows["cases"].append(tuple(c.values()))
        self._clocks(c)

    def _clocks(self, c: dict) -> None:
        """The case's started clocks, due as `domain.clocks_stored.plan_clocks` plans them (tests compare
        the two), each met as `_met` says: forwarding, or a resolution before it, meets the forward clock."""
        facts, p = self._facts, self.plan
        resolved = facts.get("resolved")
        for name, starts, span, working, pausable in p.clocks.get((c["kind"], c["severity"]), ()):
            start = facts.get(starts)
            if start is None:
                continue
            met = facts.get(_MET_BY[name])
            if name == "forward" and resolved is not None and (met is None or resolved < met):
                met = resolved
            due = self._add_working(start, span) if working else start + span
            self.rows["case_clocks"].append((
                c["id"], name, _moment(start)[0], _moment(due)[0], "working" if working else "wall", span, pausable,
                _moment(met)[0] if met is not None and met >= start else None, *p.versions))

    def _caller(self, case_id: int, received: int, at: tuple[str, str], stage: str) -> dict:
        """What the caller said: the intake form, as an operator would have filled it in."""
        r, p = self.rng.random, self.plan
        kind = _KINDS[int(r() * 100)]
        severity = _SEVERITIES[int(r() * 100)] if kind == "complaint" else None
        if stage == "callback" and (kind, severity) not in p.callbacks:
            kind, severity = "repair", None  # keep the count awaiting a callback exact
        category, what, self._outcome = _pick(r, WHAT[kind])
        building, floor = _pick(r, BUILDINGS), 1 + int(r() * 30)
        unit = f"{floor}{1 + int(r() * 12):02d}"
        c = dict(_CASE_DEFAULTS)
        c.update(id=case_id, channel=_CHANNELS[int(r() * 100)], kind=kind, severity=severity, category=category,
                 who=f"{'Ms' if r() < 0.5 else 'Mr'} {_pick(r, SURNAMES)}", company=_pick(r, COMPANIES),
                 which=f"{building} {floor}F {unit}", building=building, floor=str(floor), unit=unit,
                 place_key=place_key(building, str(floor), unit), what=what,
                 phone=f"13{int(r() * 1e9):09d}", received_at=at[0], received_by_id=_pick(r, p.receptionists),
                 after_hours=not self._working(received), status="received")
        return c

    def _open(self, c: dict, received: int) -> None:
        r, now = self.rng.random, self.plan.now
        target = _OPEN[int(r() * 5)] if c["kind"] in _WORKED_ON else "received"
        forwarded = received + _minutes(r, 3, 40)
        if target == "received" or forwarded > now:
            return
        self._forward(c, _moment(forwarded))
        self._facts["forwarded"] = forwarded
        later = forwarded + _minutes(r, 5, 60)
        if later > now:
            return
        if target == "in_progress":
            self._acknowledge(c, _moment(later))
        elif target == "waiting":
            at, reason = _moment(later), "waiting for the tenant to give access"
            self.rows["pauses"].append((c["id"], at[0], None, reason, c["received_by_id"]))
            self.event(c, at, c["received_by_id"], "pause",
                       f'{{"paused_since": [null, "{at[1]}"], "status": ["{c["status"]}", "waiting"]}}', reason)
            c.update(status="waiting", paused_since=at[0])

    def _done(self, c: dict, received: int, stage: str) -> None:
        r, now = self.rng.random, self.plan.now
        last = received
        if c["kind"] in _WORKED_ON:
            last = received + _minutes(r, 3, 40)
            self._forward(c, _moment(last))
            self._facts["forwarded"] = last
            if c["kind"] == "repair":
                last += _minutes(r, 5, 30)
                at = _moment(last)
                c["arrived_at"], self._facts["arrived"] = at[0], last
                self.event(c, at, self._answering(c), "arrive", f'{{"arrived_at": [null, "{at[1]}"]}}')
        resolved = received + _minutes(r, 3, 30 * 60)
        if stage == "callback":  # resolved lately: the callback is still to be made
            resolved = min(resolved, now - _minutes(r, 1, 600))
        self._resolve(c, min(max(resolved, last), now), stage)

    def _forward(self, c: dict, at: tuple[str, str]) -> None:
        name, dept_id, _ = self.plan.routes[c["category"]]
        owner = c["received_by_id"]
        self.rows["forwardings"].append((c["id"], dept_id, at[0], owner, None, None))
        self.event(c, at, owner, "forward", f'{{"department": [null, {encode_basestring(name)}], "forwarded_at": '
                   f'[null, "{at[1]}"], "status": ["{c["status"]}", "forwarded"]}}',
                   details=f'{{"department": {encode_basestring(name)}}}')
        c.update(status="forwarded", department_id=dept_id, forwarded_at=at[0])

    def _acknowledge(self, c: dict, at: tuple[str, str]) -> None:
        forwardings, by = self.rows["forwardings"], self._answering(c)
        forwardings[-1] = (*forwardings[-1][:4], at[0], by)
        self.event(c, at, by, "acknowledge",
                   f'{{"acknowledged_at": [null, "{at[1]}"], "status": ["{c["status"]}", "in_progress"]}}')
        c.update(status="in_progress", acknowledged_at=at[0])

    def _resolve(self, c: dict, resolved: int, stage: str) -> None:
        rule = self.plan.callbacks.get((c["kind"], c["severity"]))
        status = "resolved" if rule else "closed"
        by, outcome, at = self._answering(c), self._outcome, _moment(resolved)
        self._facts["resolved"] = resolved
        self.rows["resolutions"].append((c["id"], at[0], by, outcome))
        self.event(c, at, by, "resolve", f'{{"outcome": ["", {encode_basestring(outcome)}], "resolved_at": '
                   f'[null, "{at[1]}"], "status": ["{c["status"]}", "{status}"]}}', outcome)
        c.update(status=status, resolved_at=at[0], outcome=outcome)
        if rule is not None:
            self._callback(c, resolved, rule, by, stage)

    def _callback(self, c: dict, resolved: int, rule: tuple, by: int, stage: str) -> None:
        r, p = self.rng.random, self.plan
        callers, method, limit, working = rule
        due = _moment(self._add_working(resolved, limit) if working else resolved + limit)[0]
        callback_id = c["id"] + p.callback_base
        if stage == "callback":
            self.rows["callbacks"].append((callback_id, c["id"], due, callers, method, None, None))
            return
        called = min(resolved + _minutes(r, 60, 30 * 60), p.now)
        at = _moment(called)
        satisfaction = "partly" if r() < 0.05 else "satisfied"
        self.rows["callbacks"].append((callback_id, c["id"], due, callers, method, at[0], satisfaction))
        signed = True if method == "on_site" else None
        self.rows["callback_attempts"].append((callback_id, at[0], by, satisfaction, signed))
        self.event(c, at, by, "callback", f'{{"callback_at": [null, "{at[1]}"], "status": ["resolved", "closed"]}}',
                   details=f'{{"result": "reached", "satisfaction": "{satisfaction}"}}')
        c.update(status="closed", callback_at=at[0])
        self._facts["callback"] = called

    def event(self, c: dict, at: tuple[str, str], actor: int, action: str, changes: str, note: str = "",
              details: str = "{}") -> None:
        """One history event, the next in its case's chain, hashed as `history.chain_hash` does (the
        same JSON, written out directly). Like the desk's, it is data: the note is as typed."""
        stored, iso = at
        prev = self._prev
        self._events += 1
        seq = self._events
        canonical = (f'[{c["id"]}, {seq}, "{iso}", "{iso}", {actor}, "{action}", {encode_basestring(changes)}, '
                     f'{encode_basestring(details)}, {encode_basestring(note)}, "{prev}"]')
        self._prev = sha256(canonical.encode()).hexdigest()
        self.rows["history"].append((c["id"], seq, stored, stored, actor, action, changes, details, note, prev,
                                     self._prev))

    def _answering(self, c: dict) -> int:
        """Who does the work: the manager of the department it went to; the operator for what stays at the desk."""
        return self.plan.routes[c["category"]][2] if c["department_id"] else c["received_by_id"]

    def _working(self, t: int) -> bool:
        i = bisect_right(self.plan.opens, t) - 1
        return i >= 0 and t < self.plan.closes[i]

    def _add_working(self, t: int, amount: int) -> int:
        """The calendar's add_working on the lists: where `amount` more working time has passed."""
        p = self.plan
        i = bisect_right(p.opens, t) - 1
        done = p.worked[i] + min(max(t - p.opens[i], 0), p.closes[i] - p.opens[i]) if i >= 0 else 0
        target = done + amount
        j = bisect_left(p.worked, target) - 1
        if j + 1 >= len(p.worked):
            return t + amount  # past the lists' end (not reached by a load ending today)
        return p.opens[j] + (target - p.worked[j])


def _intake_changes(c: dict, at: tuple[str, str]) -> str:
    """What record_intake writes: every field given, from nothing to its value, keys sorted. The
    fields a caller's words can reach are escaped; the rest are made here of letters and digits."""
    severity = f'"severity": [null, "{c["severity"]}"], ' if c["severity"] else ""
    return (f'{{"after_hours": [null, {"true" if c["after_hours"] else "false"}], "building": [null, '
            f'"{c["building"]}"], "category": [null, {encode_basestring(c["category"])}], "channel": [null, '
            f'"{c["channel"]}"], "company": [null, {encode_basestring(c["company"])}], "floor": [null, '
            f'"{c["floor"]}"], "kind": [null, "{c["kind"]}"], "phone": [null, "{c["phone"]}"], "received_at": '
            f'[null, "{at[1]}"], {severity}"unit": [null, "{c["unit"]}"], "what": [null, '
            f'{encode_basestring(c["what"])}], "which": [null, "{c["which"]}"], "who": [null, "{c["who"]}"]}}')


def _pick(r, seq):
    return seq[int(r() * len(seq))]


def _minutes(r, low: float, high: float) -> int:
    return int((low + r() * (high - low)) * MINUTE)


# Times are written a few million times in a big load: from tables, twice as fast as through datetime.
_CLOCK_TEXT = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86_400)]
_DAY_TEXT: dict[int, str] = {}


def _moment(t: int) -> tuple[str, str]:
    """A time as SQLAlchemy stores it in SQLite (naive UTC, always to the µs), and as `history.plain`
    writes it (ISO with the zone, µs only when there are some)."""
    day, rest = divmod(t, DAY)
    second, micro = divmod(rest, 1_000_000)
    clock = _CLOCK_TEXT[second]
    date_text = _DAY_TEXT.get(day) or _DAY_TEXT.setdefault(day, (date(1970, 1, 1) + timedelta(days=day)).isoformat())
    return (f"{date_text} {clock}.{micro:06d}",
            f"{date_text}T{clock}.{micro:06d}+00:00" if micro else f"{date_text}T{clock}+00:00")
