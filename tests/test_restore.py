"""Restoring a backup on a desk that keeps working: no confirmed save lost, no case number given twice,
an older backup upgraded, and the desks told in words while it runs."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from deskapp.desk import workflow
from deskapp.domain.errors import DeskError
from deskapp.store import db, guard
from deskapp.store.faults import MAINTENANCE, fault_of
from deskapp.upkeep.backup import backup
from deskapp.upkeep.check import check
from deskapp.upkeep.restore import restore
from tests.helpers import cases, record

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one

HOLDS = {
    "sqlite": "from deskapp.upkeep.restore import _sqlite_maintenance; from pathlib import Path\n"
              "held = _sqlite_maintenance(Path(sys.argv[1]), '17:15')",
    "postgresql": "from deskapp.upkeep.restore import _postgresql_maintenance\nheld = _postgresql_maintenance(sys.argv[1])",
}


def _needs_tools(desk) -> None:
    if desk.engine.dialect.name == "postgresql" and not all(shutil.which(t) for t in ("pg_dump", "pg_restore", "psql")):
        pytest.skip("the PostgreSQL client tools are not installed")


def _where(desk) -> str:
    path = db.sqlite_path(str(desk.engine.url))
    return str(path) if path is not None else desk.engine.url.render_as_string(hide_password=False)


def _another_process_restoring(desk) -> subprocess.Popen:
    """A real second process holding the maintenance lock, as `deskapp restore` does while it works."""
    name = desk.engine.dialect.name
    code = f"import sys, time; {HOLDS[name]}\nwith held:\n    print('held', flush=True); time.sleep(60)"
    held = subprocess.Popen([sys.executable, "-c", code, _where(desk)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert held.stdout.readline().strip() == "held"
    return held


def test_a_desk_saving_during_a_restore_is_told_in_words_and_saves_once_it_is_done(desk):
    restoring = _another_process_restoring(desk)
    try:
        with pytest.raises(Exception) as refused:
            record(desk, "2026-11-23 08:30", who="Ms Wang")
        fault = fault_of(refused.value)
        assert fault is not None and fault.kind == MAINTENANCE and fault.retryable
        assert "being restored from a backup" in fault.message and "nothing was changed" in fault.message
        if desk.engine.dialect.name == "sqlite":
            assert "since 17:15" in fault.message
        assert cases(desk) == []
    finally:
        restoring.kill()  # a restore killed half-way: its lock dies with it
        restoring.wait()
    assert _saved_once_free(desk) == 1


def _saved_once_free(desk) -> int:
    """PostgreSQL frees a killed client's locks when its server process notices, a moment later."""
    deadline = time.monotonic() + 10
    while True:
        try:
            return record(desk, "2026-11-23 08:30", who="Ms Wang")
        except Exception as e:
            if fault_of(e) is None or fault_of(e).kind != MAINTENANCE or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_case_numbers_already_given_to_callers_are_never_given_again(desk, tmp_path):
    _needs_tools(desk)
    for n in range(3):
        record(desk, "2026-11-23 08:00", who=f"caller {n}")
    copy = backup(desk, tmp_path / "morning.bak")
    assert [record(desk, "2026-11-23 08:40", who=w) for w in ("Mr Zhang", "Ms Zhou")] == [4, 5]  # read out, then lost
    done = restore(desk, copy, "20261123-0900")
    assert done.next_case == 6 and done.aside is not None and done.aside.exists()
    assert [c.id for c in cases(desk)] == [1, 2, 3]
    assert record(desk, "2026-11-23 08:55", who="Ms Qian") == 6
    restore(desk, copy, "20261123-0910")  # and again: #6 was given out too
    assert record(desk, "2026-11-23 08:58", who="Mr Sun") == 7
    assert check(desk).ok


def test_the_records_replaced_are_kept_aside_owner_only(desk, tmp_path):
    _needs_tools(desk)
    first = record(desk, "2026-11-23 08:00")
    copy = backup(desk, tmp_path / "morning.bak")
    workflow.void(desk, first, "entered by mistake", by="Chen Jing")
    aside = restore(desk, copy, "20261123-0900").aside
    assert aside.stat().st_mode & 0o077 == 0
    if desk.engine.dialect.name == "sqlite":
        with sqlite3.connect(aside) as kept:
            assert kept.execute("SELECT status FROM cases WHERE id = ?", (first,)).fetchone()[0] == "void"
    else:
        listed = subprocess.run(["pg_restore", "--list", str(aside)], capture_output=True, text=True)
        assert listed.returncode == 0 and "TABLE DATA public cases" in listed.stdout


def _downgraded(desk, tmp_path, revision: str) -> Path:
    """A backup made by an older deskapp: the desk's records at an older schema."""
    from alembic import command

    copy = backup(desk, tmp_path / "old.bak")
    if desk.engine.dialect.name == "sqlite":
        engine = db.make_engine(f"sqlite:///{copy}")
        with engine.begin() as c:
            command.downgrade(db._alembic_config(c), revision)
        engine.dispose()
        return copy
    with desk.engine.begin() as c:
        command.downgrade(db._alembic_config(c), revision)
    older = backup(desk, tmp_path / "older.dump")
    with desk.engine.begin() as c:
        command.upgrade(db._alembic_config(c), "head")
    return older


def test_an_older_backup_is_upgraded_before_the_desks_resume(desk, tmp_path):
    _needs_tools(desk)
    record(desk, "2026-11-23 08:00")
    old = _downgraded(desk, tmp_path, "0007")
    record(desk, "2026-11-23 08:30", who="Mr Zhang")
    done = restore(desk, old, "20261123-0900")
    assert done.upgraded_from == "0007"
    assert db.current_revision(desk.engine) == db.SCHEMA_HEAD
    assert record(desk, "2026-11-23 08:50", who="Ms Qian") == 3
    assert check(desk).ok


def test_a_restore_waits_for_a_save_under_way_and_refuses_when_it_does_not_end(desk, tmp_path, monkeypatch):
    _needs_tools(desk)
    record(desk, "2026-11-23 08:00")
    copy = backup(desk, tmp_path / "morning.bak")
    monkeypatch.setenv("DESKAPP_BUSY_TIMEOUT_MS", "300")
    saving = _mid_save(desk)
    try:
        with pytest.raises(DeskError, match="a desk is in the middle of saving"):
            restore(desk, copy, "20261123-0900")
    finally:
        saving.kill()
        saving.wait()
    assert _saved_once_free(desk) == 2  # the refused restore left no lock behind


def _mid_save(desk) -> subprocess.Popen:
    """Another process in the middle of a write: SQLite's write lock, or PostgreSQL's maintenance lock shared."""
    if desk.engine.dialect.name == "sqlite":
        code = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
                "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(60)")
    else:
        code = ("import sys, time, sqlalchemy as sa; c = sa.create_engine(sys.argv[1]).connect(); "
                f"c.exec_driver_sql('SELECT pg_advisory_xact_lock_shared({guard.PG_MAINTENANCE_KEY})'); "
                "print('held', flush=True); time.sleep(60)")
    held = subprocess.Popen([sys.executable, "-c", code, _where(desk)], stdout=subprocess.PIPE, text=True)
    assert held.stdout.readline().strip() == "held"
    return held


def test_a_backup_from_a_newer_deskapp_is_refused(desk, tmp_path):
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("the schema of a SQLite backup is read before anything is touched")
    copy = backup(desk, tmp_path / "future.bak")
    with sqlite3.connect(copy) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DeskError, match="made by a newer deskapp"):
        restore(desk, copy, "20261123-0900")


def test_a_marker_left_by_a_killed_restore_does_not_lock_the_desks_out(desk):
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("the marker file is SQLite's")
    guard.marker_path(db.sqlite_path(str(desk.engine.url))).write_text('{"since": "03:00"}')
    assert record(desk, "2026-11-23 08:30") == 1


def test_the_command_asks_first_and_says_what_it_did(cli, desk, tmp_path, monkeypatch):
    _needs_tools(desk)
    from tests.helpers import ADD

    cli(*ADD)
    cli("backup", str(tmp_path / "now.bak"))
    cli(*ADD)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("typer.confirm", lambda *a, **k: True)
    code, out, err = cli("restore", str(tmp_path / "now.bak"))
    assert code == 0, err
    assert "now in" in out and "2 cases, the newest #2" in out
    assert "desks cannot save while the restore runs" in out
    assert "the records it replaced are kept in" in out
    assert "the next case will be #3" in out
    with sa.create_engine(str(desk.engine.url.render_as_string(hide_password=False))).connect() as c:
        assert c.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 1


def test_the_staff_list_loaded_at_opening_is_a_write_like_any_other(tmp_path):
    """open_desk fills an empty staff list: under a restore it waits like every write (store/guard.py)."""
    from deskapp.store.faults import DatabaseFault
    from deskapp.upkeep.restore import _sqlite_maintenance
    from deskapp.upkeep.setup import open_desk

    path = tmp_path / "new.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    with _sqlite_maintenance(path, "17:15"), pytest.raises(DatabaseFault, match="being restored"):
        open_desk(str(path), create=False)
    desk, _ = open_desk(str(path), create=False)
    assert cases(desk) == []
    desk.engine.dispose()


def test_every_write_goes_through_the_writer_engine():
    """A session that commits on the plain engine would skip the file-identity check and the maintenance
    lock (both run as a writer's transaction begins): only the writer may commit."""
    root = Path(__file__).resolve().parents[1] / "deskapp"
    plain = []
    for source in root.rglob("*.py"):
        if "migrations" in source.parts:
            continue
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if "Session(" in line and "writer(" not in line and "class " not in line:
                plain.append(f"{source.relative_to(root)}:{number}: {line.strip()}")
    # The one plain session left is Desk.reading(), which never commits.
    assert [p for p in plain if not p.startswith("store/context.py")] == []
    reading = (root / "store" / "context.py").read_text().split("def reading")[1]
    assert ".commit()" not in reading


def test_the_desk_file_stays_in_wal_mode_and_the_copy_aside_is_one_file(desk, tmp_path):
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("journal modes are SQLite's")
    record(desk, "2026-11-23 08:00")
    copy = backup(desk, tmp_path / "morning.bak")
    aside = restore(desk, copy, "20261123-0900").aside
    live = db.sqlite_path(str(desk.engine.url))
    with sqlite3.connect(live) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with sqlite3.connect(aside) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not list(live.parent.glob(".desk.restoring-*"))  # the working copy is gone
