"""Two desks on one queue: from a case saved at one desk (another process, its own connection) to
the row on the other desk's queue screen. SQLite desks poll once a second; PostgreSQL desks are
woken by NOTIFY (deskapp/store/notify.py) and poll as well.

The floor, measured in the same run: the save itself, in the other process (its commit is where the
wait on the watching desk begins).

Run: .venv/bin/python -m benchmarks.two_desks [--saves 20] [--postgres URL]
(PostgreSQL: the admin URL of a server, e.g. postgresql+psycopg://postgres@127.0.0.1:55432/postgres)
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Figure, show
from benchmarks.phone import NOW, TZ, postgres_database

TARGET_MS = 1000


def _other_desk(url: str, orders, answers) -> None:
    """The second desk: saves a case each time it is asked, and says when the commit returned."""
    from deskapp.config.datafiles import load_policy
    from deskapp.desk.intake import record_intake
    from deskapp.domain.calendar import CalendarSpec, WorkCalendar
    from deskapp.domain.enums import Kind
    from deskapp.domain.intake import Intake
    from deskapp.store import db
    from deskapp.store.clock import DeskClock
    from deskapp.store.context import Desk

    desk = Desk(db.make_engine(url), load_policy(), WorkCalendar(CalendarSpec(tz=TZ)), DeskClock(NOW))
    while (n := orders.get()) is not None:
        began = time.monotonic()
        case = record_intake(desk, Intake(kind=Kind.inquiry, who=f"Caller {n}", what=f"question {n}",
                                          received_at=NOW)).case
        answers.put((case.id, began, time.monotonic()))
    desk.engine.dispose()


def _watching_desk(url: str):
    from sqlmodel import Session

    from deskapp.config.datafiles import load_policy, load_staff
    from deskapp.domain.calendar import CalendarSpec, WorkCalendar
    from deskapp.store import db
    from deskapp.store.clock import DeskClock
    from deskapp.store.context import Desk
    from deskapp.upkeep.setup import sync_staff

    engine = db.make_engine(url)
    db.upgrade(engine)
    with Session(engine) as session:
        sync_staff(session, load_staff())
        session.commit()
    return Desk(engine, load_policy(), WorkCalendar(CalendarSpec(tz=TZ)), DeskClock(NOW))


async def _measure(desk, orders, answers, saves: int) -> tuple[list[float], list[float]]:
    from deskapp.app import DeskApp
    from deskapp.screens.queue import QueueScreen

    shown, saving = [], []
    app = DeskApp(desk, "Liu Yang")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("f3")
        while not (isinstance(app.screen, QueueScreen) and app.screen.marker is not None):
            await pilot.pause(0.01)
        if app.listener is not None:
            app.listener.listening.wait(10)
        for n in range(saves):
            orders.put(n)
            case_id, began, committed = await asyncio.to_thread(answers.get)
            while case_id not in app.screen.lines:
                await pilot.pause(0.002)
            await pilot.pause(0)  # the rows placed on the screen
            shown.append(time.monotonic() - committed)
            saving.append(committed - began)
            await pilot.pause(0.3 + (n % 7) / 10)  # saves at no fixed beat, as desks make them
    return shown, saving


def figures(saves: int, postgres: str | None) -> list[Figure]:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        admin = None
        if postgres:
            url, admin, name = postgres_database(postgres)
        else:
            url = f"sqlite:///{Path(folder) / 'desks.db'}"
        desk = _watching_desk(url)
        orders, answers = context.Queue(), context.Queue()
        other = context.Process(target=_other_desk, args=(url, orders, answers))
        other.start()
        try:
            shown, saving = asyncio.run(_measure(desk, orders, answers, saves))
        finally:
            orders.put(None)
            other.join(30)
            desk.engine.dispose()
            if admin is not None:
                with admin.connect() as c:
                    c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    backend = "PostgreSQL (NOTIFY)" if postgres else "SQLite (poll every second)"
    ordered = sorted(shown)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    floor = statistics.median(saving) * 1000
    return [
        Figure("two_desks", f"{backend}: saved at one desk → on the other's queue, median of {saves}",
               statistics.median(shown) * 1000, floor=floor, floor_what="the save itself, at the other desk",
               limit=TARGET_MS),
        Figure("two_desks", f"{backend}: the same, p95", p95 * 1000, floor=floor,
               floor_what="the save itself, at the other desk"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--postgres", default=None, help="admin URL of a PostgreSQL server (default: SQLite only)")
    args = parser.parse_args()
    found = figures(args.saves, None)
    if args.postgres:
        found += figures(args.saves, args.postgres)
    show("Two desks on one queue (ms)", found)


if __name__ == "__main__":
    main()
