"""Large databases for benchmarks: years of cases written straight into the tables.

`fill_demo` goes through every desk operation, which is right for a demo but takes milliseconds a
case; a benchmark needs 100,000 or a million. This writes the same shape of rows (case, forwarding,
resolution, callback, and the history events the services would have chained) in batches, so the
screens and reports meet realistic data. It is for benchmark databases only.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlmodel import col, select

from deskapp.desk.context import Desk
from deskapp.desk.demo import ASSISTANCE, BUILDINGS, COMPANIES, COMPLAINTS, INQUIRIES, REPAIRS, SURNAMES, SUGGESTIONS
from deskapp.desk.history import chain_hash, plain
from deskapp.domain.enums import CallbackMethod, Channel, Kind, Role, Satisfaction, Severity, Status, Validity
from deskapp.models import Callback, Case, Department, Forwarding, HistoryEvent, Pause, Resolution, Staff

_BATCH = 5_000
_PER_DAY = 150  # a group of buildings on one database
_KINDS = [Kind.repair] * 35 + [Kind.inquiry] * 30 + [Kind.complaint] * 25 + [Kind.assistance] * 5 + [Kind.suggestion] * 5
_SEVERITIES = [Severity.general] * 65 + [Severity.minor] * 25 + [Severity.major] * 10
_CHANNELS = [Channel.phone] * 70 + [Channel.visit] * 12 + [Channel.email] * 9 + [Channel.staff] * 7 + [Channel.letter] * 2
_OPEN = [Status.received, Status.forwarded, Status.in_progress, Status.in_progress, Status.waiting]
_WHAT = {
    Kind.repair: [(r[0], r[1], r[2]) for r in REPAIRS],
    Kind.complaint: [(c[0], c[1], c[2]) for c in COMPLAINTS],
    Kind.inquiry: [(q[0], q[1], q[2]) for q in INQUIRIES],
    Kind.assistance: [(a[0], a[1], "Done as asked") for a in ASSISTANCE],
    Kind.suggestion: [(s[0], s[2], s[3]) for s in SUGGESTIONS],
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
    `pending_callbacks` resolved and awaiting their callback, the rest closed. Returns the count."""
    rng = random.Random(seed)
    now = desk.now()
    span = timedelta(days=max(30, cases / _PER_DAY))
    with desk.transaction() as session:
        staff = {s.name: s for s in session.exec(select(Staff)).all()}
        departments = {d.name: d.id for d in session.exec(select(Department)).all()}
        start_id = (session.exec(select(Case.id).order_by(col(Case.id).desc())).first() or 0) + 1
    receptionists = [s.id for s in staff.values() if s.role is Role.receptionist]
    manager = next(s.id for s in staff.values() if s.role is Role.department_manager)
    engineering = departments.get("Engineering", next(iter(departments.values())))
    times = sorted(now - span * rng.random() for _ in range(cases))
    writer = _Writer(desk)
    for n, received in enumerate(times):
        case_id = start_id + n
        newest = cases - n
        if newest <= open_cases:
            stage = "open"
        elif newest <= open_cases + pending_callbacks:
            stage = "callback"
        else:
            stage = "closed"
        _one_case(writer, rng, case_id, received, stage, now, rng.choice(receptionists), manager, engineering)
        if writer.size >= _BATCH:
            writer.flush()
            if progress:
                progress(n + 1, cases)
    writer.flush()
    writer.advance_sequences()
    if progress:
        progress(cases, cases)
    return cases


def _one_case(w: _Writer, rng: random.Random, case_id: int, received: datetime, stage: str, now: datetime,
              owner: int, manager: int, department: int) -> None:
    kind = rng.choice(_KINDS)
    if stage == "callback" and kind not in (Kind.repair, Kind.complaint):
        kind = Kind.repair  # only repairs and complaints are called back: keep the pending count exact
    severity = rng.choice(_SEVERITIES) if kind is Kind.complaint else None
    category, what, outcome = rng.choice(_WHAT[kind])
    building = rng.choice(BUILDINGS)
    floor = rng.randint(1, 30)
    unit = f"{floor}{rng.randint(1, 12):02d}"
    surname = rng.choice(SURNAMES)
    who = f"{rng.choice(('Ms', 'Mr'))} {surname}"
    case = dict(
        id=case_id, channel=rng.choice(_CHANNELS), kind=kind, severity=severity, category=category, who=who,
        company=rng.choice(COMPANIES), which=f"{building} {floor}F {unit}", building=building, floor=str(floor),
        unit=unit, what=what, why="", how="", phone=f"13{rng.randint(0, 999_999_999):09d}", special_requests="",
        received_at=received, received_by_id=owner, after_hours=False, status=Status.closed,
        validity=Validity.undecided, validity_reason="", department_id=None, outcome="", reopen_count=0,
        flagged="", void_reason="", version=1,
    )
    w.event(case_id, received, owner, "intake", {"kind": [None, kind.value], "what": [None, what]})
    worked_on = kind in (Kind.repair, Kind.complaint, Kind.assistance)
    steps = [received + timedelta(minutes=rng.randint(3, 40))]  # forwarded
    steps.append(steps[-1] + timedelta(minutes=rng.randint(5, 30)))  # arrived (repairs)
    steps.append(received + timedelta(hours=rng.uniform(0.05, 30)))  # resolved
    steps.append(steps[-1] + timedelta(hours=rng.uniform(1, 30)))  # called back
    if stage == "open":
        case["status"] = rng.choice(_OPEN) if worked_on else Status.received
        if case["status"] is Status.received or steps[0] > now:
            case["status"] = Status.received
        else:
            _forward(w, case, steps[0], owner, department)
            if case["status"] is Status.waiting:
                w.rows[Pause].append(dict(case_id=case_id, started_at=steps[0], ended_at=None,
                                          reason="waiting for the tenant to give access", by_id=owner))
                case["paused_since"] = steps[0]
        w.rows[Case].append(case)
        return
    if worked_on:
        _forward(w, case, steps[0], owner, department)
        if kind is Kind.repair:
            case["arrived_at"] = steps[1]
            w.event(case_id, steps[1], manager, "arrive", {"arrived_at": [None, steps[1]]})
    resolved = max(steps[2], steps[1] if kind is Kind.repair else steps[0])
    if stage == "callback":
        resolved = min(resolved, now - timedelta(minutes=rng.randint(1, 600)))
    case.update(resolved_at=resolved, outcome=outcome)
    w.rows[Resolution].append(dict(case_id=case_id, round=1, at=resolved, by_id=manager, outcome=outcome))
    w.event(case_id, resolved, manager, "resolve", {"resolved_at": [None, resolved]}, outcome)
    if kind in (Kind.repair, Kind.complaint):
        callback = dict(case_id=case_id, round=1, due_at=resolved + timedelta(hours=24), callers="department_manager",
                        method=CallbackMethod.on_site if severity is Severity.major else CallbackMethod.phone,
                        failed_attempts=0)
        if stage == "callback":
            case["status"] = Status.resolved
        else:
            called = steps[3] if steps[3] > resolved else resolved + timedelta(hours=2)
            satisfaction = rng.choice([Satisfaction.satisfied] * 18 + [Satisfaction.partly])
            callback.update(done_at=called, satisfaction=satisfaction)
            case["callback_at"] = called
            w.event(case_id, called, manager, "callback", {"status": ["resolved", "closed"]}, f"customer {satisfaction.value}")
        w.rows[Callback].append(callback)
    w.rows[Case].append(case)


def _forward(w: _Writer, case: dict, at: datetime, owner: int, department: int) -> None:
    case.update(forwarded_at=at, department_id=department)
    w.rows[Forwarding].append(dict(case_id=case["id"], department_id=department, at=at, by_id=owner, note=""))
    w.event(case["id"], at, owner, "forward", {"responsible": [None, "Engineering"]})


class _Writer:
    """Collects rows per table and writes them in one transaction per batch, cases first."""

    ORDER = (Case, Forwarding, Pause, Resolution, Callback, HistoryEvent)

    def __init__(self, desk: Desk):
        self.desk = desk
        self.rows: dict = {model: [] for model in self.ORDER}

    @property
    def size(self) -> int:
        return len(self.rows[Case])

    def event(self, case_id: int, at: datetime, actor: int, action: str, changes: dict, note: str = "") -> None:
        body = json.dumps({k: [plain(v) for v in pair] for k, pair in changes.items()}, sort_keys=True)
        events = self.rows[HistoryEvent]
        prev = events[-1]["hash"] if events and events[-1]["case_id"] == case_id else ""
        digest = chain_hash(case_id, at, at, actor, action, body, note, prev)
        events.append(dict(case_id=case_id, at=at, recorded_at=at, actor_id=actor, action=action, changes=body,
                           note=note, prev_hash=prev, hash=digest))

    def advance_sequences(self) -> None:
        """PostgreSQL hands out ids from a sequence that explicit ids do not move; move it past them."""
        with self.desk.transaction() as session:
            connection = session.connection()
            if connection.dialect.name == "postgresql":
                for model in self.ORDER:
                    connection.exec_driver_sql(_sequence_fix(model))

    def flush(self) -> None:
        with self.desk.transaction() as session:
            connection = session.connection()
            for model in self.ORDER:
                rows = self.rows[model]
                if rows:
                    connection.execute(model.__table__.insert(), _uniform(rows))
                    rows.clear()


def _sequence_fix(model) -> str:
    table = model.__tablename__
    return f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))"


def _uniform(rows: list[dict]) -> list[dict]:
    # One executemany needs every row to name the same columns.
    keys = set().union(*rows)
    return [{k: row.get(k) for k in keys} for row in rows]


