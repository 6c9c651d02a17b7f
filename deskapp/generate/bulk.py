"""Large databases for benchmarks and tests at scale: years of cases written straight into the tables.

`fill_demo` goes through every desk operation, which is right for a demo but takes milliseconds a
case; a benchmark needs a million. This writes the rows those operations would have written (the
case; its forwarding, acknowledgement, pause, arrival, resolution and callback; and its history
events, with the changes, notes and hash chain the services record), so that the screens, the
reports and `deskapp check` meet realistic data.

A million cases take under a minute on two cores, because on SQLite:
- rows are plain tuples (the history's JSON and hashes written out directly, not through the ORM;
  see `bulk_rows`);
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
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlmodel import func, select

from deskapp.config.paths import sqlite_path
from deskapp.domain.clocks_stored import rules_versions
from deskapp.domain.enums import ClockName, Counting, Kind, Role, Severity
from deskapp.domain.policy import Requested, StartEvent
from deskapp.generate.bulk_rows import COLUMNS, DAY, HOUR, WHAT, Plan, Rows, make_chunk
from deskapp.generate.demo_en import DEPARTMENT
from deskapp.models import Callback, Case, Staff
from deskapp.reads.departments import departments_in
from deskapp.reads.search import FIELDS
from deskapp.store.context import Desk

_PER_DAY = 150  # a group of buildings on one database
_CHUNK = 10_000  # cases made and written at a time
_PARALLEL_FROM = 50_000  # below this, starting processes costs more than they save
_PARTS = 8  # the most scratch files a load is cut into (SQLite attaches ten at most)
_HOURS = [h * HOUR for h in range(24)]
# Calls by local hour of the day: most in office hours, a few at night.
_HOUR_WEIGHTS = list(itertools.accumulate((1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 7, 8, 9, 9, 8, 7, 5, 4, 3, 2, 2, 1)))
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

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
    "case_clocks": {"waited_us": "0", "basis": "'policy'"},
}


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
    first_day = (now + local) // DAY - days + 1  # local days, counted from the epoch
    r = rng.random
    hours = rng.choices(_HOURS, cum_weights=_HOUR_WEIGHTS, k=count)
    times = [(first_day + int(r() * days)) * DAY + hour + int(r() * HOUR) - local for hour in hours]
    return sorted(t if t <= now else t - DAY for t in times)  # today's later hours: the day before


def _days(cases: int) -> int:
    return max(30, cases // _PER_DAY)


# ---- what every chunk needs to know (a Plan, in bulk_rows) ---------------------------------------

def _plan(desk: Desk, cases: int, open_cases: int, pending: int, seed: int) -> Plan:
    now = desk.now()
    with desk.reading() as session:
        staff = session.exec(select(Staff)).all()
        departments = {d.id: d.name for d in departments_in(session, active_only=False)}
        last_case = session.exec(select(func.max(Case.id))).one() or 0
        last_callback = session.exec(select(func.max(Callback.id))).one() or 0
    first = now.date() - timedelta(days=_days(cases) + 1)
    return Plan(
        seed=seed, now=_us(now), first_id=last_case + 1, callback_base=max(0, last_callback - last_case),
        open_from=cases - open_cases, callback_from=cases - open_cases - pending,
        receptionists=tuple(s.id for s in staff if s.role is Role.receptionist), routes=_routes(staff, departments),
        callbacks=_callback_rules(desk), **_working_days(desk, first, now.date()),
        clocks=_clock_rules(desk), versions=rules_versions(desk.policy, desk.calendar),
    )


def _routes(staff: list[Staff], departments: dict[int, str]) -> dict[str, tuple[str, int, int]]:
    """Where each category is forwarded, as the demo does it, and whose manager answers for it there."""
    ids = {name: i for i, name in departments.items()}
    managers = [s for s in staff if s.role is Role.department_manager]
    routes = {}
    for category in {what[0] for table in WHAT.values() for what in table}:
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


def _clock_rules(desk: Desk) -> dict:
    """Each kind's clocks as plain values. A bulk case asks for no time, is promised none, is not
    urgent and gets no validity decision or outside party: only the rules with a limit of their own,
    started at intake, forwarding or resolution, run for it."""
    rules = {}
    for kind in Kind:
        for severity in ([None, *Severity] if kind is Kind.complaint else [None]):
            rules[kind.value, severity and severity.value] = tuple(
                (r.name.value, r.starts.value, r.span // timedelta(microseconds=1), r.counting is Counting.working,
                 r.pausable)
                for r in desk.policy.rules_for(kind, severity)
                if r.span is not None and not r.promised and r.requested is not Requested.only
                and r.starts in (StartEvent.received, StartEvent.forwarded, StartEvent.resolved))
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

def _made(plan: Plan, times: list[int], scratch: Path | None) -> Iterator[tuple[int, Rows | Path]]:
    """(cases made so far, their rows or the scratch file holding them), in order of case number.

    A big load on SQLite is made by two worker processes, each writing its part of the cases into a
    scratch file of its own, while this process copies the finished parts in."""
    if scratch is None or len(times) < _PARALLEL_FROM:
        for start in range(0, len(times), _CHUNK):
            yield min(start + _CHUNK, len(times)), make_chunk(plan, start, times[start:start + _CHUNK])
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


def _make_part(job: tuple[Plan, int, list[int], Path]) -> Path:
    plan, start, times, path = job
    with closing(sqlite3.connect(path, isolation_level=None)) as part:
        part.execute("PRAGMA journal_mode=OFF")
        part.execute("PRAGMA synchronous=OFF")
        for table, columns in COLUMNS.items():
            part.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
        part.execute("BEGIN")
        for offset in range(0, len(times), _CHUNK):
            rows = make_chunk(plan, start + offset, times[offset:offset + _CHUNK])
            for table, columns in COLUMNS.items():
                part.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows[table])
        part.execute("COMMIT")
    return path


# ---- writing the rows ----------------------------------------------------------------------------------

# FTS5 writes a segment of the search index each time its pending terms pass `hashsize` bytes: in
# bigger batches there are fewer segments to merge (measured at a million cases: the index takes 45%
# less time at 64 MB than at FTS5's default of 1 MB). Set for the load only: the app's own
# transactions are small.
_SEARCH_BATCH = 64 << 20
_FTS_DEFAULT_BATCH = 1 << 20


def _insert(table: str, mark: str) -> str:
    names = ", ".join((*COLUMNS[table], *_FIXED[table]))
    values = ", ".join((*[mark] * len(COLUMNS[table]), *_FIXED[table].values()))
    return f"INSERT INTO {table} ({names}) VALUES ({values})"


def _copy(table: str, part: str) -> str:
    names = ", ".join((*COLUMNS[table], *_FIXED[table]))
    values = ", ".join((*COLUMNS[table], *_FIXED[table].values()))
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
            for table in COLUMNS:
                if made[table]:
                    self.connection.executemany(_insert(table, "?"), made[table])
        self._search_index(last)

    def _copy_in(self, part: Path) -> None:
        """A copy within SQLite; the part stays attached until the commit (SQLite detaches nothing
        that a transaction has read)."""
        self._parts += 1
        name = f"part{self._parts}"
        self.connection.execute(f"ATTACH ? AS {name}", (str(part),))
        for table in COLUMNS:
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
        self.sql = {table: _insert(table, mark) for table in COLUMNS}

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
