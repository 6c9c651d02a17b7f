"""Migration 0009 fills the stored due times of a database recorded before them, losing nothing:
every clock the desk showed the moment before the upgrade shows the same due and state after it."""

from __future__ import annotations

import itertools
import os

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from deskapp.domain.clocks import CaseFacts, compute_clocks
from deskapp.domain.enums import Kind, Severity, Status
from deskapp.models import Case, Pause
from deskapp.models.types import UTCDateTime
from deskapp.reads.clock_rows import stored_of
from deskapp.reads.views import build_views
from deskapp.store import db
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


_FACTS = ("severity", "received_at", "forwarded_at", "resolved_at")
# The cases table as schema 0008 has it, as far as these cases need.
_OLD_CASES = sa.table("cases", sa.column("id", sa.Integer), sa.column("channel", sa.String), sa.column("kind", sa.String),
                      sa.column("who", sa.String), sa.column("which", sa.String), sa.column("what", sa.String),
                      sa.column("received_by_id", sa.Integer), sa.column("status", sa.String),
                      sa.column("severity", sa.String), sa.column("validity", sa.String),
                      sa.column("after_hours", sa.Boolean), sa.column("reopen_count", sa.Integer),
                      sa.column("version", sa.Integer), sa.column("paused_since", UTCDateTime()),
                      *(sa.column(n, UTCDateTime()) for n in _FACTS[1:]),
                      *(sa.column(n, sa.String) for n in ("category", "company", "building", "floor", "unit", "why",
                                                          "how", "phone", "special_requests", "validity_reason",
                                                          "outcome", "flagged", "void_reason")))

# The staff table as schema 0008 has it (the PIN columns come with 0011, migrated after 0009).
_OLD_STAFF = sa.table("staff", sa.column("id", sa.Integer), sa.column("name", sa.String), sa.column("role", sa.String),
                      sa.column("phone", sa.String), sa.column("active", sa.Boolean))


def _case(case_id: int, owner: int, status: Status, **facts) -> dict:
    text = {n: "" for n in ("category", "company", "building", "floor", "unit", "why", "how", "phone",
                             "special_requests", "validity_reason", "outcome", "flagged", "void_reason")}
    return {"id": case_id, "channel": "phone", "kind": "complaint", "who": "Ms Li", "which": "Tower B", "what": "leak",
            "received_by_id": owner, "status": status.value, "validity": "undecided", "after_hours": False,
            "reopen_count": 0, "version": 1, **text, **facts}


def _facts(row: dict, pauses: list) -> CaseFacts:
    return CaseFacts(Kind.complaint, Severity(row["severity"]), row["received_at"], forwarded_at=row.get("forwarded_at"),
                     resolved_at=row.get("resolved_at"), pauses=tuple(pauses), voided=row["status"] == "void")


def test_an_old_database_keeps_every_clock_it_showed(empty_url, policy, calendar):
    engine = db.make_engine(empty_url)
    db.upgrade(engine, "0008")
    with engine.begin() as c:  # not through the models: they have the staff columns of later migrations
        owner = c.execute(sa.insert(_OLD_STAFF).values(name="Wang Fang", role="receptionist", phone="", active=True)
                          .returning(_OLD_STAFF.c.id)).scalar_one()
    cases = [
        _case(1, owner, Status.received, severity="general", received_at=at("2026-11-20 19:30")),
        _case(2, owner, Status.waiting, severity="minor", received_at=at("2026-11-23 09:00"),
              paused_since=at("2026-11-23 14:00")),
        _case(3, owner, Status.resolved, severity="major", received_at=at("2026-11-23 10:00"),
              forwarded_at=at("2026-11-23 10:05"), resolved_at=at("2026-11-23 16:00")),
        _case(4, owner, Status.void, severity="general", received_at=at("2026-11-23 11:00")),
    ]
    waits = [(at("2026-11-23 10:00"), at("2026-11-23 11:00")), (at("2026-11-23 14:00"), None)]
    with engine.begin() as c:
        for row in cases:
            c.execute(sa.insert(_OLD_CASES).values(**{k: row.get(k) for k in _OLD_CASES.c.keys() if k in row}))
        for started, ended in waits:
            c.execute(sa.insert(Pause.__table__).values(case_id=2, started_at=started, ended_at=ended, by_id=owner,
                                                        reason="away"))
    now = at("2026-11-24 09:00")
    # As the desk before 0009 worked them out, from the rules.
    shown_before = {r["id"]: tuple(compute_clocks(_facts(r, waits if r["id"] == 2 else []), policy, calendar, now))
                    for r in cases}
    db.upgrade(engine)
    ids = [r["id"] for r in cases]
    with Session(engine) as s:
        stored = stored_of(s, ids)
        shown_after = {v.case.id: v.clocks for v in build_views(s, list(s.exec(select(Case))), policy, calendar, now)}
    assert shown_after == shown_before
    assert set(stored) == set(ids[:3])  # a voided case has no clocks
    assert {c.name.value for c in stored[3]} == {"forward", "escalate", "resolve", "callback"}
    engine.dispose()
