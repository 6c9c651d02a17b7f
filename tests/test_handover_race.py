"""Two desks hand over the same shift at the same moment: one handover is kept, the other desk is
told who handed the shift over and when. Real processes, on SQLite and, when a server is there,
PostgreSQL (where both used to succeed)."""

from __future__ import annotations

import multiprocessing
import re

from sqlmodel import Session, select

from deskapp.models import Handover
from tests import handover_race
from tests.handover_cases import MONDAY_DAY

ALL_BACKENDS = True
ALREADY = re.compile(r"this shift was already handed over by (Wang Fang|Liu Yang) at Mon \d\d:\d\d")


def _both_desks(db_url) -> list[str]:
    context = multiprocessing.get_context("spawn")  # each desk its own interpreter, engine and connections
    barrier, results = context.Barrier(2), context.Queue()
    desks = [context.Process(target=handover_race.hand_over_after_both_checked,
                             args=(db_url, *MONDAY_DAY, name, barrier, results)) for name in ("Wang Fang", "Liu Yang")]
    for p in desks:
        p.start()
    for p in desks:
        p.join(120)
        assert p.exitcode == 0, "a desk's process failed"
    return [results.get(timeout=5) for _ in desks]


def test_two_desks_handing_over_the_monday_day_shift_at_once_keep_one_handover(desk, db_url):
    outcomes = _both_desks(db_url)
    assert sorted(o.split(":")[0] for o in outcomes) == ["handed over", "refused"], outcomes
    [refused] = [o.removeprefix("refused: ") for o in outcomes if o.startswith("refused")]
    assert ALREADY.fullmatch(refused), refused
    with Session(desk.engine) as session:
        [kept] = session.exec(select(Handover)).all()
    writer = ALREADY.fullmatch(refused).group(1)
    assert kept.notes == f"{writer}: the lift in Tower A is out"  # the refusal names the desk that was kept


def test_a_shift_handed_over_twice_before_the_upgrade_keeps_its_first_handover_and_both_notes(tmp_path):
    """A database where the race already happened: the upgrade keeps the earliest handover, adds the
    later one's notes to it, and carries the acknowledgement over, then the constraint holds."""
    import sqlalchemy as sa

    from deskapp.store import db

    engine = db.make_engine(f"sqlite:///{tmp_path / 'raced.db'}")
    db.upgrade(engine, "0007")
    with engine.begin() as c:
        c.execute(sa.text("INSERT INTO staff (id, name, role, phone, active, pin_hash) VALUES"
                          " (1, 'Wang Fang', 'receptionist', '', 1, ''), (2, 'Liu Yang', 'receptionist', '', 1, ''),"
                          " (3, 'Zhao Lei', 'receptionist', '', 1, '')"))
        for n, (by, notes, acknowledged) in enumerate([(1, "lift out in Tower A", None),
                                                        (2, "Ms Li will call back at 20:00", "2026-11-23 11:05:00.000000")]):
            c.execute(sa.text(
                "INSERT INTO handovers (shift, shift_start, shift_end, outgoing_id, notes, summary, written_at,"
                " incoming_id, acknowledged_at) VALUES ('day', '2026-11-23 00:00:00.000000',"
                " '2026-11-23 11:00:00.000000', :by, :notes, '[]', :written, :incoming, :acknowledged)"),
                {"by": by, "notes": notes, "written": f"2026-11-23 10:55:0{n}.000000",
                 "incoming": 3 if acknowledged else None, "acknowledged": acknowledged})
    db.upgrade(engine)
    with engine.connect() as c:
        rows = c.execute(sa.text("SELECT outgoing_id, notes, incoming_id FROM handovers")).all()
    assert rows == [(1, "lift out in Tower A\n\nMs Li will call back at 20:00", 3)]
    engine.dispose()
