"""Large databases for benchmarks and tests at scale: years of cases written straight into the tables.

`fill_demo` goes through every desk operation, which is right for a demo but takes milliseconds a
case; a benchmark needs a million. This writes the rows those operations would have written (the
case; its forwarding, acknowledgement, pause, arrival, resolution and callback; and its history
events, with the changes, notes and hash chain the services record), so that the screens, the
reports and `deskapp check` meet realistic data.

A million cases take under a minute on two cores, because on SQLite:
- rows are plain tuples (the history's JSON and hashes written out directly, not through the ORM);
- for a big load, two worker processes make them, each into scratch files of its own, while this
  process copies each finished file in (a copy inside SQLite) and keeps the indexes up;
- the whole load is one transaction, with the journal in memory and no fsync.
That is why it is for benchmark and test databases only: a crash in the middle of a load can leave
the file unusable (an exception rolls it back). On PostgreSQL the rows are made in this process and
inserted through SQLAlchemy, a transaction per chunk: slower, but the same rows.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import random
import sqlite3
import tempfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from hashlib import sha256
from json.encoder import encode_basestring
from pathlib import Path

from sqlmodel import func, select

from deskapp.desk.context import Desk
from deskapp.desk.demo import (ASSISTANCE, BUILDINGS, COMPANIES, COMPLAINTS, DEPARTMENT, INQUIRIES, REPAIRS,
                               SUGGESTIONS, SURNAMES)
from deskapp.desk.search import FIELDS
from deskapp.domain.enums import ClockName, Kind, Role, Severity
from deskapp.models import Callback, Case, Department, Staff
from deskapp.paths import sqlite_path

_PER_DAY = 150  # a group of buildings on one database
_CHUNK = 10_000  # cases made and written at a time
_PARALLEL_FROM = 50_000  # below this, starting processes costs more than they save
_PARTS = 8  # the most scratch files a load is cut into (SQLite attaches ten at most)
_KINDS = ["repair"] * 35 + ["inquiry"] * 30 + ["complaint"] * 25 + ["assistance"] * 5 + ["suggestion"] * 5
_SEVERITIES = ["general"] * 65 + ["minor"] * 25 + ["major"] * 10
_CHANNELS = ["phone"] * 70 + ["visit"] * 12 + ["email"] * 9 + ["staff"] * 7 + ["letter"] * 2
_OPEN = ["received", "forwarded", "in_progress", "in_progress", "waiting"]
_WORKED_ON = ("repair", "complaint", "assistance")
_WHAT = {  # category, what the caller said, the outcome
    "repair": [(r[0], r[1], r[2]) for r in REPAIRS],
    "complaint": [(c[0], c[1], c[2]) for c in COMPLAINTS],
    "inquiry": [(q[0], q[1], q[2]) for q in INQUIRIES],
    "assistance": [(a[0], a[1], "Done as asked") for a in ASSISTANCE],
    "suggestion": [(s[0], s[2], s[3]) for s in SUGGESTIONS],
}
_MINUTE, _HOUR, _DAY = 60_000_000, 3_600_000_000, 86_400_000_000  # in microseconds
_HOURS = [h * _HOUR for h in range(24)]
# Calls by local hour of the day: most in office hours, a few at night.
_HOUR_WEIGHTS = list(itertools.accumulate((1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 7, 8, 9, 9, 8, 7, 5, 4, 3, 2, 2, 1)))
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# Columns written, per table, in the order rows are made; parents before children.
_COLUMNS = {
    "cases": ("id", "channel", "kind", "severity", "category", "who", "company", "which", "building", "floor",
              "unit", "what", "phone", "received_at", "received_by_id", "after_hours", "status", "department_id",
              "forwarded_at", "acknowledged_at", "arrived_at", "resolved_at", "outcome", "callback_at",
              "paused_since", "version"),
    "forwardings": ("case_id", "department_id", "at", "by_id", "acknowledged_at", "acknowledged_by_id"),
    "pauses": ("case_id", "started_at", "ended_at", "reason", "by_id"),
    "resolutions": ("case_id", "at", "by_id", "outcome"),
    "callbacks": ("id", "case_id", "due_at", "callers", "method", "done_at", "satisfaction"),
    "callback_attempts": ("callback_id", "at", "by_id", "satisfaction", "signed"),
    "history": ("case_id", "at", "recorded_at", "actor_id", "action", "changes", "note", "prev_hash", "hash"),
}
# Columns every generated row holds the same value in: written by the SQL, not bound row by row.
_FIXED = {
    "cases": {"why": "''", "how": "''", "special_requests": "''", "validity": "'undecided'", "validity_reason": "''",
              "reopen_count": "0", "flagged": "''", "void_reason": "''"},
    "forwardings": {"note": "''"},
    "pauses": {},
    "resolutions": {"round": "1"},
    "callbacks": {"round": "1", "failed_attempts": "0"},
    "callback_attempts": {"result": "'reached'", "note": "''"},
    "history": {},
}
_CASE_DEFAULTS = dict.fromkeys(_COLUMNS["cases"]) | {"outcome": ""}
Rows = dict[str, list[tuple]]


def fill_bulk(
    desk: Desk,
    cases: int,
    open_cases: int = 2000,
    pending_callbacks: int = 500,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write `cases` cases ending at desk.now(): the newest `open_cases` open, the next
    `pending_callbacks` resolved and awaiting their callback, the rest closed. Returns the count.

    `progress(done, cases)` is told after each batch of cases is written."""
    plan = _plan(desk, cases, open_cases, pending_callbacks, seed)
    local = desk.now().astimezone(desk.calendar.tz).utcoffset() // timedelta(microseconds=1)
    times = _received(random.Random(seed), cases, plan.now, local)
    with _loader(desk) as load:
        for done, made in _made(plan, times, load.scratch):
            load.take(made)
            if progress:
                progress(done, cases)
        load.finish()
    return cases


def _received(rng: random.Random, count: int, now: int, local: int) -> list[int]:
    """When the cases came in, oldest first: `_PER_DAY` a day, more by day than by night."""
    days = _days(count)
    first_day = (now + local) // _DAY - days + 1  # local days, counted from the epoch
    r = rng.random
    hours = rng.choices(_HOURS, cum_weights=_HOUR_WEIGHTS, k=count)
    times = [(first_day + int(r() * days)) * _DAY + hour + int(r() * _HOUR) - local for hour in hours]
    return sorted(t if t <= now else t - _DAY for t in times)  # today's later hours: the day before


def _days(cases: int) -> int:
    return max(30, cases // _PER_DAY)


# ---- what every chunk needs to know ------------------------------------------------------------------

@dataclass(frozen=True)
class _Plan:
    """Plain values only, so that a worker process can be handed it."""

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


def _plan(desk: Desk, cases: int, open_cases: int, pending: int, seed: int) -> _Plan:
    now = desk.now()
    with desk.reading() as session:
        staff = session.exec(select(Staff)).all()
        departments = {d.id: d.name for d in session.exec(select(Department)).all()}
        last_case = session.exec(select(func.max(Case.id))).one() or 0
        last_callback = session.exec(select(func.max(Callback.id))).one() or 0
    first = now.date() - timedelta(days=_days(cases) + 1)
    return _Plan(
        seed=seed, now=_us(now), first_id=last_case + 1, callback_base=max(0, last_callback - last_case),
        open_from=cases - open_cases, callback_from=cases - open_cases - pending,
        receptionists=tuple(s.id for s in staff if s.role is Role.receptionist), routes=_routes(staff, departments),
        callbacks=_callback_rules(desk), **_working_days(desk, first, now.date()),
    )


def _routes(staff: list[Staff], departments: dict[int, str]) -> dict[str, tuple[str, int, int]]:
    """Where each category is forwarded, as the demo does it, and whose manager answers for it there."""
    ids = {name: i for i, name in departments.items()}
    managers = [s for s in staff if s.role is Role.department_manager]
    routes = {}
    for category in {what[0] for table in _WHAT.values() for what in table}:
        name = DEPARTMENT[category] if DEPARTMENT[category] in ids else "Engineering"
        dept_id = ids.get(name) or min(ids.values())
        manager = next((m.id for m in managers if m.department_id == dept_id), managers[0].id)
        routes[category] = (departments[dept_id], dept_id, manager)
    return routes


def _callback_rules(desk: Desk) -> dict:
    rules = {}
    for kind in Kind:
        for severity in ([None, *Severity] if kind is Kind.complaint else [None]):
            rule = desk.policy.rule(ClockName.callback, kind, severity)
            if rule is not None:
                callers = ",".join(r.value for r in rule.callers)
                rules[kind.value, severity and severity.value] = (
                    callers, (rule.method.value if rule.method else "phone"),
                    (rule.span or timedelta()) // timedelta(microseconds=1), rule.counting.value == "working")
    return rules


def _working_days(desk: Desk, first: date, last: date) -> dict[str, tuple[int, ...]]:
    """The calendar as three lists, so that a worker answers 'after hours?' and 'due when?' by bisection."""
    opens, closes, worked, total = [], [], [], 0
    day = first
    while day <= last + timedelta(days=60):  # callbacks fall due after today
        hours = desk.calendar.opening_hours(day)
        if hours:
            opens.append(_us(hours[0]))
            closes.append(_us(hours[1]))
            worked.append(total)
            total += closes[-1] - opens[-1]
        day += timedelta(days=1)
    return {"opens": tuple(opens), "closes": tuple(closes), "worked": tuple(worked)}


def _us(t: datetime) -> int:
    return (t - _EPOCH) // timedelta(microseconds=1)


# ---- making the rows, here or in worker processes -----------------------------------------------------

def _made(plan: _Plan, times: list[int], scratch: Path | None) -> Iterator[tuple[int, Rows | Path]]:
    """(cases made so far, their rows or the scratch file holding them), in order of case number.

    A big load on SQLite is made by two worker processes, each writing its part of the cases into a
    scratch file of its own, while this process copies the finished parts in."""
    if scratch is None or len(times) < _PARALLEL_FROM:
        for start in range(0, len(times), _CHUNK):
            yield min(start + _CHUNK, len(times)), _make_chunk(plan, start, times[start:start + _CHUNK])
        return
    # At most _PARTS: each part stays attached until the load's one transaction commits.
    size = _CHUNK * math.ceil(len(times) / _PARTS / _CHUNK)
    jobs = [(plan, start, times[start:start + size], scratch / f"part-{start}.db")
            for start in range(0, len(times), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(2) as pool:
        for (_, start, part, _), path in zip(jobs, pool.imap(_make_part, jobs)):
            yield start + len(part), path


def _make_part(job: tuple[_Plan, int, list[int], Path]) -> Path:
    plan, start, times, path = job
    with closing(sqlite3.connect(path, isolation_level=None)) as part:
        part.execute("PRAGMA journal_mode=OFF")
        part.execute("PRAGMA synchronous=OFF")
        for table, columns in _COLUMNS.items():
            part.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
        part.execute("BEGIN")
        for offset in range(0, len(times), _CHUNK):
            rows = _make_chunk(plan, start + offset, times[offset:offset + _CHUNK])
            for table, columns in _COLUMNS.items():
                part.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows[table])
        part.execute("COMMIT")
    return path


def _make_chunk(plan: _Plan, start: int, times: list[int]) -> Rows:
    # Seeded by where the chunk starts, so a load is the same whichever process makes which chunk.
    chunk = _Chunk(plan, random.Random(plan.seed * 1_000_003 + start))
    for offset, received in enumerate(times):
        n = start + offset
        stage = "open" if n >= plan.open_from else "callback" if n >= plan.callback_from else "closed"
        chunk.case(plan.first_id + n, received, stage)
    return chunk.rows


class _Chunk:
    """The rows of a run of cases, each a tuple in the order of _COLUMNS. Times are µs since the epoch."""

    def __init__(self, plan: _Plan, rng: random.Random):
        self.plan = plan
        self.rng = rng
        self.rows: Rows = {table: [] for table in _COLUMNS}
        self._prev = ""  # the hash of the case's latest event
        self._events = 0
        self._outcome = ""

    def case(self, case_id: int, received: int, stage: str) -> None:
        at = _moment(received)
        c = self._caller(case_id, received, at, stage)
        self._prev, self._events = "", 0
        self.event(c, at, c["received_by_id"], "intake", _intake_changes(c, at))
        if stage == "open":
            self._open(c, received)
        else:
            self._done(c, received, stage)
        c["version"] = self._events  # each operation bumps the version and writes one event
        self.rows["cases"].append(tuple(c.values()))

    def _caller(self, case_id: int, received: int, at: tuple[str, str], stage: str) -> dict:
        """What the caller said: the intake form, as an operator would have filled it in."""
        r, p = self.rng.random, self.plan
        kind = _KINDS[int(r() * 100)]
        severity = _SEVERITIES[int(r() * 100)] if kind == "complaint" else None
        if stage == "callback" and (kind, severity) not in p.callbacks:
            kind, severity = "repair", None  # keep the count awaiting a callback exact
        category, what, self._outcome = _pick(r, _WHAT[kind])
        building, floor = _pick(r, BUILDINGS), 1 + int(r() * 30)
        unit = f"{floor}{1 + int(r() * 12):02d}"
        c = dict(_CASE_DEFAULTS)
        c.update(id=case_id, channel=_CHANNELS[int(r() * 100)], kind=kind, severity=severity, category=category,
                 who=f"{'Ms' if r() < 0.5 else 'Mr'} {_pick(r, SURNAMES)}", company=_pick(r, COMPANIES),
                 which=f"{building} {floor}F {unit}", building=building, floor=str(floor), unit=unit, what=what,
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
            if c["kind"] == "repair":
                last += _minutes(r, 5, 30)
                at = _moment(last)
                c["arrived_at"] = at[0]
                self.event(c, at, self._answering(c), "arrive", f'{{"arrived_at": [null, "{at[1]}"]}}')
        resolved = received + _minutes(r, 3, 30 * 60)
        if stage == "callback":  # resolved lately: the callback is still to be made
            resolved = min(resolved, now - _minutes(r, 1, 600))
        self._resolve(c, min(max(resolved, last), now), stage)

    def _forward(self, c: dict, at: tuple[str, str]) -> None:
        name, dept_id, _ = self.plan.routes[c["category"]]
        owner = c["received_by_id"]
        self.rows["forwardings"].append((c["id"], dept_id, at[0], owner, None, None))
        self.event(c, at, owner, "forward", f'{{"forwarded_at": [null, "{at[1]}"], "responsible": [null, '
                   f'{encode_basestring(name)}], "status": ["{c["status"]}", "forwarded"]}}', f"forwarded to {name}")
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
        at = _moment(min(resolved + _minutes(r, 60, 30 * 60), p.now))
        satisfaction = "partly" if r() < 0.05 else "satisfied"
        self.rows["callbacks"].append((callback_id, c["id"], due, callers, method, at[0], satisfaction))
        signed = True if method == "on_site" else None
        self.rows["callback_attempts"].append((callback_id, at[0], by, satisfaction, signed))
        self.event(c, at, by, "callback", f'{{"callback_at": [null, "{at[1]}"], "status": ["resolved", "closed"]}}',
                   f"customer {satisfaction}")
        c.update(status="closed", callback_at=at[0])

    def event(self, c: dict, at: tuple[str, str], actor: int, action: str, changes: str, note: str = "") -> None:
        """One history event, hashed as `history.chain_hash` does (the same JSON, written out directly)."""
        stored, iso = at
        prev = self._prev
        canonical = (f'[{c["id"]}, "{iso}", "{iso}", {actor}, "{action}", {encode_basestring(changes)}, '
                     f'{encode_basestring(note)}, "{prev}"]')
        self._prev = sha256(canonical.encode()).hexdigest()
        self._events += 1
        self.rows["history"].append((c["id"], stored, stored, actor, action, changes, note, prev, self._prev))

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
    return int((low + r() * (high - low)) * _MINUTE)


# Times are written a few million times in a big load: from tables, twice as fast as through datetime.
_CLOCK_TEXT = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(86_400)]
_DAY_TEXT: dict[int, str] = {}


def _moment(t: int) -> tuple[str, str]:
    """A time as SQLAlchemy stores it in SQLite (naive UTC, always to the µs), and as `history.plain`
    writes it (ISO with the zone, µs only when there are some)."""
    day, rest = divmod(t, _DAY)
    second, micro = divmod(rest, 1_000_000)
    clock = _CLOCK_TEXT[second]
    date_text = _DAY_TEXT.get(day) or _DAY_TEXT.setdefault(day, (date(1970, 1, 1) + timedelta(days=day)).isoformat())
    return (f"{date_text} {clock}.{micro:06d}",
            f"{date_text}T{clock}.{micro:06d}+00:00" if micro else f"{date_text}T{clock}+00:00")


# ---- writing the rows ----------------------------------------------------------------------------------

# FTS5 writes a segment of the search index each time its pending terms pass `hashsize` bytes: in
# bigger batches there are fewer segments to merge (measured at a million cases: the index takes 45%
# less time at 64 MB than at FTS5's default of 1 MB). Set for the load only: the app's own
# transactions are small.
_SEARCH_BATCH = 64 << 20
_FTS_DEFAULT_BATCH = 1 << 20


def _insert(table: str, mark: str) -> str:
    names = ", ".join((*_COLUMNS[table], *_FIXED[table]))
    values = ", ".join((*[mark] * len(_COLUMNS[table]), *_FIXED[table].values()))
    return f"INSERT INTO {table} ({names}) VALUES ({values})"


def _copy(table: str, part: str) -> str:
    names = ", ".join((*_COLUMNS[table], *_FIXED[table]))
    values = ", ".join((*_COLUMNS[table], *_FIXED[table].values()))
    # Not the ids a part gave its rows (those it does not write): the table gives its own.
    return f"INSERT INTO main.{table} ({names}) SELECT {values} FROM {part}.{table} ORDER BY rowid"


@contextmanager
def _loader(desk: Desk) -> Iterator[_SQLiteLoad | _EngineLoad]:
    path = sqlite_path(str(desk.engine.url))
    if path is None:
        yield _EngineLoad(desk)
        return
    with tempfile.TemporaryDirectory(prefix="bulk-", dir=path.parent) as scratch:
        load = _SQLiteLoad(desk, path, Path(scratch))
        try:
            yield load
        except BaseException:
            load.abort()
            raise


class _SQLiteLoad:
    """The whole load as one transaction on the driver's own connection, set up for writing fast.

    The indexes stay: rows arrive in case-number order, so most of them only grow at their ends, and
    keeping them is done while the workers make the next part (measured at a million cases: no
    slower overall than dropping and rebuilding them, and nothing left to do at the end). The search
    index's insert trigger is set aside instead: the index takes each batch of cases in one
    statement, which saves a quarter of this process's work."""

    def __init__(self, desk: Desk, path: Path, scratch: Path):
        desk.engine.dispose()  # the journal mode changes only while no other connection is open
        self.connection = sqlite3.connect(path, isolation_level=None)
        # No journal on disk and no fsync: the file is for benchmarks and tests (see the docstring).
        for pragma in ("journal_mode=MEMORY", "synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY"):
            self.connection.execute(f"PRAGMA {pragma}")
        self.connection.execute("BEGIN IMMEDIATE")
        self.scratch = scratch
        self._parts = 0
        self._trigger = self._set_trigger_aside()
        self._batch = self._search_batch(_SEARCH_BATCH) if self._trigger else None

    def _set_trigger_aside(self) -> str | None:
        found = self.connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'cases_fts_insert'").fetchone()
        if found:
            self.connection.execute("DROP TRIGGER cases_fts_insert")
        return found[0] if found else None

    def _search_batch(self, size: int) -> int:
        """Set the search index's batch size; returns what it was."""
        was = self.connection.execute("SELECT v FROM cases_fts_config WHERE k = 'hashsize'").fetchone()
        self.connection.execute("INSERT INTO cases_fts(cases_fts, rank) VALUES ('hashsize', ?)", (size,))
        return was[0] if was else _FTS_DEFAULT_BATCH

    def take(self, made: Rows | Path) -> None:
        last, = self.connection.execute("SELECT coalesce(max(id), 0) FROM cases").fetchone()
        if isinstance(made, Path):
            self._copy_in(made)
        else:
            for table in _COLUMNS:
                if made[table]:
                    self.connection.executemany(_insert(table, "?"), made[table])
        self._search_index(last)

    def _copy_in(self, part: Path) -> None:
        """A copy within SQLite; the part stays attached until the commit (SQLite detaches nothing
        that a transaction has read)."""
        self._parts += 1
        name = f"part{self._parts}"
        self.connection.execute(f"ATTACH ? AS {name}", (str(part),))
        for table in _COLUMNS:
            self.connection.execute(_copy(table, name))

    def _search_index(self, after: int) -> None:
        """What the trigger set aside would have done for the cases numbered after `after`, in one statement."""
        if self._trigger:
            fields = ", ".join(FIELDS)
            self.connection.execute(f"INSERT INTO cases_fts (rowid, {fields}) SELECT id, {fields} FROM cases "
                                    "WHERE id > ? ORDER BY id", (after,))

    def finish(self) -> None:
        if self._trigger:
            self.connection.execute(self._trigger)
            self._search_batch(self._batch)
        self.connection.execute("COMMIT")
        self._close()

    def abort(self) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")
        self._close()

    def _close(self) -> None:
        for n in range(1, self._parts + 1):
            self.connection.execute(f"DETACH part{n}")
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.close()


class _EngineLoad:
    """Through the desk's engine, a transaction per chunk: PostgreSQL (and SQLite in memory)."""

    scratch = None  # rows are made in this process

    def __init__(self, desk: Desk):
        self.desk = desk
        mark = "?" if desk.engine.dialect.name == "sqlite" else "%s"
        self.sql = {table: _insert(table, mark) for table in _COLUMNS}

    def take(self, rows: Rows) -> None:
        with self.desk.transaction() as session:
            connection = session.connection()
            for table, sql in self.sql.items():
                if rows[table]:
                    connection.exec_driver_sql(sql, rows[table])

    def finish(self) -> None:
        """PostgreSQL hands out ids from a sequence that explicit ids do not move: move it past them."""
        with self.desk.transaction() as session:
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                for table in ("cases", "callbacks"):
                    connection.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")

    def abort(self) -> None:
        """Chunks already written stay: each was a whole set of cases."""
