"""Migration 0009 fills the stored due times of a database recorded before them, losing nothing:
every clock the desk showed the moment before the upgrade shows the same due and state after it."""

from __future__ import annotations

import itertools
import os

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from deskapp.config.datafiles import load_staff
from deskapp.config.paths import data_dir
from deskapp.domain.clocks import compute_clocks
from deskapp.domain.enums import Channel, Kind, Severity, Status
from deskapp.models import Case, Pause, Staff
from deskapp.reads.clock_rows import stored_of
from deskapp.reads.views import build_views, facts_of, pauses_of
from deskapp.store import db
from deskapp.upkeep.setup import sync_staff
from tests.conftest import POSTGRES, at

_numbers = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.db'}"
        return
    if not POSTGRES:
        pytest.skip("no PostgreSQL server for the tests")
    admin = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    name = f"deskapp_mig9_{os.getpid()}_{next(_numbers)}"
    with admin.connect() as c:
        c.exec_driver_sql(f"CREATE DATABASE {name}")
    yield sa.engine.make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


def _case(owner: int, **facts) -> Case:
    return Case(channel=Channel.phone, kind=Kind.complaint, who="Ms Li", which="Tower B", what="leak",
                received_by_id=owner, **facts)


def test_an_old_database_keeps_every_clock_it_showed(empty_url, policy, calendar):
    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0008")
    with Session(engine) as s:
        sync_staff(s, load_staff(data_dir()))
        s.commit()
        owner = s.exec(select(Staff.id)).first()
        cases = [
            _case(owner, severity=Severity.general, received_at=at("2026-11-20 19:30"), status=Status.received),
            _case(owner, severity=Severity.minor, received_at=at("2026-11-23 09:00"), status=Status.waiting,
                  paused_since=at("2026-11-23 14:00")),
            _case(owner, severity=Severity.major, received_at=at("2026-11-23 10:00"), status=Status.resolved,
                  forwarded_at=at("2026-11-23 10:05"), resolved_at=at("2026-11-23 16:00")),
            _case(owner, severity=Severity.general, received_at=at("2026-11-23 11:00"), status=Status.void),
        ]
        s.add_all(cases)
        s.flush()
        s.add(Pause(case_id=cases[1].id, started_at=at("2026-11-23 10:00"), ended_at=at("2026-11-23 11:00"), by_id=owner))
        s.add(Pause(case_id=cases[1].id, started_at=at("2026-11-23 14:00"), by_id=owner))
        s.commit()
        ids = [c.id for c in cases]
    now = at("2026-11-24 09:00")
    with Session(engine) as s:  # as the desk before 0009 worked them out, from the rules
        waits = pauses_of(s, ids)
        shown_before = {c.id: tuple(compute_clocks(facts_of(c, waits.get(c.id, [])), policy, calendar, now))
                        for c in s.exec(select(Case))}
    db.upgrade(engine)
    with Session(engine) as s:
        stored = stored_of(s, ids)
        shown_after = {v.case.id: v.clocks for v in build_views(s, list(s.exec(select(Case))), policy, calendar, now)}
    assert shown_after == shown_before
    assert set(stored) == set(ids[:3])  # a voided case has no clocks
    assert {c.name.value for c in stored[ids[2]]} == {"forward", "escalate", "resolve", "callback"}
    engine.dispose()
