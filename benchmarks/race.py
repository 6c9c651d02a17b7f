"""Several desks acting on the same case at the same moment: of each step exactly one may succeed.

Each desk is its own process with its own engine (as eight receptionists' machines would be). For
every case and step, all desks wait at a barrier and then try the step at once. Used by the load
benchmark (`python -m benchmarks.load --race`) and tests/test_same_case_race.py.

Two ways of asking, as the desk has them:
- "screen": the desk read the case first and passes the version it showed (the action dialogs do);
- "script": the desk just asks, as `deskapp resolve 42` does.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session, col, func, select

from deskapp.desk import workflow
from deskapp.desk.callbacks import record_callback
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import AttemptResult, Kind, Satisfaction
from deskapp.domain.errors import DeskError
from deskapp.domain.intake import Intake
from deskapp.models import Case, HistoryEvent
from deskapp.store.context import Desk
from deskapp.upkeep.check import check
from deskapp.upkeep.setup import open_desk

STEPS = ("forward", "resolve", "callback", "void")
DESK_STAFF = ("Wang Fang", "Liu Yang", "Zhao Lei", "Chen Jing", "Huang Li", "Sun Qiang", "Zhou Min", "Wu Gang")
SUPERVISOR = "Chen Jing"  # voiding is the supervisor's alone


@dataclass
class Attempt:
    """What one desk got when it tried one step on one case."""

    desk: int
    case_id: int
    step: str
    way: str
    ok: bool
    refusal: str = ""  # the sentence the operator was shown; empty when it succeeded
    error: str = ""  # the exception's class: a DeskError's kind, or anything else that escaped
    seconds: float = 0.0


Round = tuple[int, str, str]  # (case, step, way): every desk tries the step on the case at once


def try_step(desk: Desk, desk_no: int, round_: Round, version: int | None) -> Attempt:
    case_id, step, way = round_
    by = SUPERVISOR if step == "void" else DESK_STAFF[desk_no % len(DESK_STAFF)]
    started = time.perf_counter()
    try:
        _STEP[step](desk, case_id, by, version)
    except DeskError as e:
        return Attempt(desk_no, case_id, step, way, False, e.message, type(e).__name__, time.perf_counter() - started)
    except Exception as e:  # noqa: BLE001 - counted: the operator would have seen a crash
        return Attempt(desk_no, case_id, step, way, False, str(e).splitlines()[0], type(e).__name__,
                       time.perf_counter() - started)
    return Attempt(desk_no, case_id, step, way, True, seconds=time.perf_counter() - started)


_STEP = {
    "forward": lambda d, c, by, v: workflow.forward(d, c, "Engineering", by=by, expected_version=v),
    "resolve": lambda d, c, by, v: workflow.resolve(d, c, "tube replaced", by=by, expected_version=v),
    "callback": lambda d, c, by, v: record_callback(d, c, AttemptResult.reached, Satisfaction.satisfied,
                                                    by=by, expected_version=v),
    "void": lambda d, c, by, v: workflow.void(d, c, "recorded twice", by=by, expected_version=v),
    "note": lambda d, c, by, v: workflow.add_note(d, c, f"{by} called the tenant", by=by, expected_version=v),
}


def one_desk(url: str, desk_no: int, rounds: list[Round], barrier, results) -> None:
    """One desk's part: for each round, read the case if it is on screen, wait for the others, try."""
    desk, _ = open_desk(url)  # the real clock: times are read as the desks really act
    attempts = []
    for round_ in rounds:
        version = _shown_version(desk, round_[0]) if round_[2] == "screen" else None
        barrier.wait()
        attempts.append(try_step(desk, desk_no, round_, version))
    desk.engine.dispose()
    results.put(attempts)


def _shown_version(desk: Desk, case_id: int) -> int:
    with desk.reading() as session:
        return session.get(Case, case_id).version


def new_cases(desk: Desk, count: int, label: str) -> list[int]:
    """Repairs received an hour ago: each needs a callback after it is resolved."""
    received = desk.now() - timedelta(hours=1)
    return [record_intake(desk, Intake(kind=Kind.repair, who=f"{label}-{n}", which="Tower A 3F 301",
                                       what="light out", received_at=received)).case.id
            for n in range(count)]


def race(url: str, desks: int, rounds: list[Round]) -> list[Attempt]:
    """Run the rounds with `desks` processes starting each one together; every attempt, in order."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(desks), context.Queue()
    workers = [context.Process(target=one_desk, args=(url, d, rounds, barrier, results)) for d in range(desks)]
    for worker in workers:
        worker.start()
    attempts = [a for _ in workers for a in results.get(timeout=600)]
    for worker in workers:
        worker.join()
    return attempts


@dataclass
class RaceFigures:
    """What a race came to: successes per (case, step), refusals and what the records hold."""

    successes: Counter = field(default_factory=Counter)
    refusals: Counter = field(default_factory=Counter)  # by kind: Conflict, NotAllowed, ...
    unexpected: list[str] = field(default_factory=list)  # anything but a plain refusal
    lost: int = 0  # confirmed steps with no history event
    unconfirmed: int = 0  # history events for steps no desk was told had succeeded
    check_ok: bool = False
    slowest: float = 0.0

    def not_exactly_once(self, rounds: list[Round]) -> list[tuple[int, str, int]]:
        return [(c, s, self.successes[(c, s)]) for c, s, _ in rounds if self.successes[(c, s)] != 1]


def figures(desk: Desk, attempts: list[Attempt]) -> RaceFigures:
    out = RaceFigures()
    for a in attempts:
        out.slowest = max(out.slowest, a.seconds)
        if a.ok:
            out.successes[(a.case_id, a.step)] += 1
        elif a.error in ("Conflict", "NotAllowed", "DeskError"):
            out.refusals[a.error] += 1
        else:
            out.unexpected.append(f"{a.error}: {a.refusal}")
    cases = {a.case_id for a in attempts}
    with Session(desk.engine) as session:
        written = Counter({(c, action): n for c, action, n in session.exec(
            select(HistoryEvent.case_id, HistoryEvent.action, func.count())
            .where(col(HistoryEvent.case_id).in_(cases)).group_by(HistoryEvent.case_id, HistoryEvent.action))})
    for key in {(a.case_id, a.step) for a in attempts}:
        confirmed, events = out.successes[key], written[key]
        out.lost += max(0, confirmed - events)
        out.unconfirmed += max(0, events - confirmed)
    out.check_ok = check(desk).ok
    return out
