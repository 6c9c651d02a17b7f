"""Desks acting on the same case at the same moment: one resolves it, the others are told who did.

Real processes, each with its own engine, as on eight receptionists' machines; they start each step
together at a barrier (benchmarks/race.py). Run on SQLite and, when a server is there, PostgreSQL.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from benchmarks.race import STEPS, figures, new_cases, race
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind
from deskapp.domain.errors import Conflict
from deskapp.domain.intake import Intake
from deskapp.models import HistoryEvent
from deskapp.upkeep.check import check
from deskapp.upkeep.setup import open_desk

ALL_BACKENDS = True
DESKS = 4
ROOT = Path(__file__).resolve().parent.parent

# The refusal the second desk reads, and the one a desk asking after the first had finished reads.
TOLD_WHO = re.compile(r"case (\d+) was (forwarded|resolved|called back|voided) by [A-Z][a-z]+ [A-Z][a-z]+ "
                      r"at \d\d:\d\d a moment ago; nothing was changed")
ALREADY = re.compile(r"case \d+ cannot be (forwarded|resolved|called back|voided): it (is|was) \w"
                     r"|case \d+ was voided \(.+\); nothing more can be done to it")


def _repair(desk) -> int:
    return record_intake(desk, Intake(kind=Kind.repair, who="Ms Li", which="Tower A 3F 301", what="light out",
                                      received_at=desk.now() - timedelta(hours=1))).case.id


def test_the_desk_that_showed_the_case_is_told_who_resolved_it_a_moment_ago(desk):
    case_id = _repair(desk)
    shown = workflow.forward(desk, case_id, "Engineering", by="Wang Fang").case.version
    workflow.resolve(desk, case_id, "tube replaced", by="Liu Yang", expected_version=shown)
    with pytest.raises(Conflict) as refused:
        workflow.resolve(desk, case_id, "tube replaced too", by="Wang Fang", expected_version=shown)
    assert refused.value.message == f"case {case_id} was resolved by Liu Yang at 09:00 a moment ago; nothing was changed"
    assert [e.action for e in _history(desk, case_id)] == ["intake", "forward", "resolve"]


def test_a_change_made_long_before_is_not_a_moment_ago(desk):
    case_id = _repair(desk)
    shown = workflow.forward(desk, case_id, "Engineering", by="Wang Fang").case.version
    desk.clock.set(desk.now() + timedelta(minutes=20))
    with pytest.raises(Conflict) as refused:
        workflow.void(desk, case_id, "recorded twice", by="Chen Jing", expected_version=shown - 1)
    assert refused.value.message == f"case {case_id} was forwarded by Wang Fang at 09:00; nothing was changed"


def test_the_refusal_in_chinese_names_who_did_what(desk, chinese):
    case_id = _repair(desk)
    shown = workflow.forward(desk, case_id, "Engineering", by="Wang Fang").case.version
    workflow.void(desk, case_id, "重复登记", by="Chen Jing", expected_version=shown)
    with pytest.raises(Conflict) as refused:
        workflow.resolve(desk, case_id, "已修好", by="Liu Yang", expected_version=shown)
    assert refused.value.message == f"工单{case_id}刚刚已由 Chen Jing 于 09:00 作废；本次未作任何更改"


def _history(desk, case_id: int) -> list[HistoryEvent]:
    with Session(desk.engine) as session:
        return list(session.exec(select(HistoryEvent).where(HistoryEvent.case_id == case_id)
                                 .order_by(col(HistoryEvent.id))).all())


def test_four_desks_on_one_case_exactly_one_takes_each_step(db_url):
    desk, _ = open_desk(db_url)
    on_screen, asked, noted, forwarded_again = new_cases(desk, 4, "race")
    workflow.forward(desk, asked, "Engineering", by="Wang Fang")
    rounds = ([(on_screen, step, "screen") for step in STEPS]  # each desk shows the case, then acts
              + [(asked, step, "script") for step in STEPS[1:]]  # `deskapp resolve 42` on four machines
              + [(noted, "note", "script")]
              + [(forwarded_again, "forward", "script")] * 3)
    attempts = race(db_url, DESKS, rounds)
    raced = [r for r in rounds if r[0] in (on_screen, asked)]
    found = figures(desk, [a for a in attempts if a.case_id in (on_screen, asked)])

    assert found.not_exactly_once(raced) == []
    assert found.unexpected == [] and found.lost == 0 and found.unconfirmed == 0
    losers = [a for a in attempts if a.case_id in (on_screen, asked) and not a.ok]
    assert len(losers) == (DESKS - 1) * len(raced)
    assert all(TOLD_WHO.fullmatch(a.refusal) or ALREADY.match(a.refusal) for a in losers), \
        [a.refusal for a in losers]
    # On screen every other desk had read the case before the first acted: each is told who acted.
    assert all(TOLD_WHO.fullmatch(a.refusal) for a in losers if a.way == "screen")

    # Two notes are both right: every desk's note is kept, one after another.
    assert [a.ok for a in attempts if a.case_id == noted] == [True] * DESKS
    assert Counter(e.action for e in _history(desk, noted))["note"] == DESKS

    # No desk typed a time, so none is refused for a time before the case's last step.
    again = [a for a in attempts if a.case_id == forwarded_again]
    assert not [a.refusal for a in again if "before the case's last step" in a.refusal]
    assert all(a.ok or TOLD_WHO.fullmatch(a.refusal) for a in again), [a.refusal for a in again]

    for case_id in (on_screen, asked, noted, forwarded_again):
        events = _history(desk, case_id)
        assert [e.prev_hash for e in events] == [""] + [e.hash for e in events[:-1]]  # one chain, no fork
    assert check(desk).ok
    desk.engine.dispose()


def test_two_resolve_commands_started_together_one_resolves_the_other_is_told(db_url):
    desk, _ = open_desk(db_url)
    (case_id,) = new_cases(desk, 1, "cli")
    workflow.forward(desk, case_id, "Engineering", by="Wang Fang")
    with _case_held(db_url, case_id) as waiting:  # both commands start and queue behind another writer
        commands = [_resolve(db_url, case_id, by) for by in ("Wang Fang", "Liu Yang")]
        waiting(len(commands))
    done = [c.communicate(timeout=300) + (c.returncode,) for c in commands]
    codes = sorted(code for _, _, code in done)
    assert codes == [0, 2], done
    _, err, _ = next(d for d in done if d[2] == 2)
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: "), err
    said = err.strip().removeprefix("error: ")
    assert TOLD_WHO.fullmatch(said) or ALREADY.match(said), said
    assert [e.action for e in _history(desk, case_id)] == ["intake", "forward", "resolve"]
    assert check(desk).ok
    desk.engine.dispose()


def _resolve(db_url: str, case_id: int, by: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k not in ("DESKAPP_NOW", "DESKAPP_LANG", "LANGUAGE", "LC_ALL")}
    # They wait for the held case as long as the test holds it: on a loaded machine the second command
    # can take longer to start than a desk's usual 10 s wait for a lock (PostgreSQL's lock_timeout too).
    # The test holds it at most 90 s (_postgres_waiting), so they wait longer than that.
    env.update(DESKAPP_DB=db_url, PYTHONPATH=str(ROOT), COLUMNS="200", DESKAPP_BUSY_TIMEOUT_MS="180000")
    return subprocess.Popen([sys.executable, "-m", "deskapp", "resolve", str(case_id), "--outcome", "tube replaced",
                             "--by", by], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


class _case_held:
    """Another writer holds the case (SQLite's write lock; the case's row on PostgreSQL) until the
    commands have queued behind it, so that they really act at once."""

    def __init__(self, db_url: str, case_id: int):
        self.url, self.case_id = db_url, case_id

    def __enter__(self):
        if self.url.startswith("sqlite"):
            self.holder = sqlite3.connect(self.url.removeprefix("sqlite:///"), isolation_level=None)
            self.holder.execute("BEGIN IMMEDIATE")
            return self._sqlite_waiting
        self.engine = sa.create_engine(self.url)
        self.holder = self.engine.connect()
        self.holder.execute(sa.text("SELECT id FROM cases WHERE id = :id FOR UPDATE"), {"id": self.case_id})
        return self._postgres_waiting

    def _sqlite_waiting(self, count: int) -> None:
        time.sleep(6)  # SQLite does not show who waits; the commands start in a second or two, then wait up to 10 s

    def _postgres_waiting(self, count: int) -> None:
        with self.engine.connect() as watch:
            for _ in range(900):  # 90 s: the commands' own lock wait is longer (_resolve)
                waiting = watch.execute(sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")).scalar()
                if waiting >= count:
                    return
                # A transaction sees pg_stat_activity as it was at its first look: end it, to look again.
                watch.rollback()
                time.sleep(0.1)

    def __exit__(self, *_):
        if self.url.startswith("sqlite"):
            self.holder.execute("COMMIT")
            self.holder.close()
            return
        self.holder.commit()
        self.holder.close()
        self.engine.dispose()
