"""The real faults, not imitations: SQLite locked by another process, a PostgreSQL server stopped and
started again, a restore holding the records. The call typed is kept on screen, the operator is told
in words, and the save lands by itself once the database is back."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Static

from deskapp.app import DeskApp
from deskapp.screens import retry
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.upkeep.setup import open_desk
from deskapp.widgets.intake_form import IntakeForm
from tests.conftest import at, settled, until
from tests.helpers import cases, open_intake

OPERATOR = "Wang Fang"
A_CALL = {"kind": "complaint", "severity": "general", "who": "Ms Li", "phone": "13800138000",
          "which": "Tower B 12F 1203", "what": "water dripping from the ceiling"}
PG_BIN = Path("/usr/lib/postgresql/15/bin")


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch):
    monkeypatch.setattr(retry, "RETRY_EVERY", 1)
    monkeypatch.setenv("DESKAPP_BUSY_TIMEOUT_MS", "200")


async def _typed_and_confirmed(pilot):
    """The call typed and read back; the operator says yes. Returns the intake screen."""
    screen = await open_intake(pilot)
    screen.query_one(IntakeForm).load(A_CALL)
    await settled(pilot)
    return screen


async def _read_back(pilot) -> None:
    from deskapp.screens.readback import ReadBackScreen

    await pilot.press("ctrl+s")
    await until(pilot, lambda: any(isinstance(s, ReadBackScreen) for s in pilot.app.screen_stack), "the read-back", timeout=30)


async def _confirm(pilot, read_back: bool = True) -> None:
    """The read-back (unless it is already up), then the operator's yes."""
    if read_back:
        await _read_back(pilot)
    await _close_dialogs(pilot)
    await pilot.press("enter")


async def _close_dialogs(pilot) -> list[str]:
    """The app's own reads (the header, the queue's probe) meet the stopped server too: each says so in
    a dialog, which the operator closes. What they said."""
    from deskapp.screens.error_dialog import ErrorDialog

    said = []
    await pilot.pause(0.3)
    while isinstance(pilot.app.screen, ErrorDialog):
        said.append(pilot.app.screen.words + " | " + pilot.app.screen.technical)
        await pilot.press("escape")
        await pilot.pause(0.1)
    return said


def _line(screen) -> str:
    return str(screen.query_one("#result", Static).render())


def _holding(code: str, *args: str) -> subprocess.Popen:
    """Another process that takes a lock and holds it until its stdin is closed."""
    holder = subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
    assert holder.stdout.readline().strip() == "held"
    return holder


async def test_sqlite_locked_by_another_process_the_save_waits_then_lands(desk, db_path):
    app = DeskApp(desk, OPERATOR)
    holder = None
    try:
        async with app.run_test(size=(140, 45)) as pilot:
            screen = await _typed_and_confirmed(pilot)
            holder = _holding("import sqlite3, sys\nc = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                              "c.execute('BEGIN IMMEDIATE'); print('held', flush=True); sys.stdin.read()", str(db_path))
            await _confirm(pilot)
            await until(pilot, lambda: "trying again in" in _line(screen), "the save to say it waits")
            assert "the database is locked by another program" in _line(screen)
            assert screen.query_one(IntakeForm).values()["what"] == A_CALL["what"]
            holder.stdin.close()  # the other program lets go
            holder.wait(10)
            await until(pilot, lambda: "recorded" in _line(screen), "the save to land", timeout=20)
    finally:
        if holder is not None and holder.poll() is None:
            holder.kill()
    assert [c.who for c in cases(desk)] == ["Ms Li"]


# ---- PostgreSQL, a server of the test's own -----------------------------------------------------------

class Server:
    """A throw-away PostgreSQL (initdb, pg_ctl), run as the postgres user when the tests run as root."""

    def __init__(self, folder: Path):
        self.folder = folder
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(folder, "postgres")
        self._run(str(PG_BIN / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres")
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        subprocess.run([*self.as_user, *command], check=True, capture_output=True)

    def start(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w",
                  "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")


@pytest.fixture
def own_server():
    if not (PG_BIN / "pg_ctl").exists() or (os.geteuid() == 0 and shutil.which("runuser") is None):
        pytest.skip("no PostgreSQL server programs here (/usr/lib/postgresql/15/bin)")
    # Not under pytest's own folder: the postgres user must be able to reach it (as .ci/postgres.sh does).
    folder = Path(tempfile.mkdtemp(prefix="deskapp-test-pg-"))
    try:
        server = Server(folder)
        server.start()
        yield server
        subprocess.run([*server.as_user, str(PG_BIN / "pg_ctl"), "-D", str(folder / "data"), "-m", "immediate", "stop"],
                       capture_output=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


async def test_postgresql_stopped_during_a_session_the_save_waits_and_lands_when_it_is_back(own_server):
    desk, _ = open_desk(own_server.url, clock=DeskClock(at("2026-11-23 09:00")), create=True)
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await _typed_and_confirmed(pilot)
        own_server.stop()
        await _confirm(pilot)
        await until(pilot, lambda: "trying again in" in _line(screen), "the save to say it waits")
        assert "the database server is not answering" in _line(screen)
        assert screen.query_one(IntakeForm).values()["who"] == "Ms Li"
        own_server.start()
        await until(pilot, lambda: "recorded" in _line(screen), "the save to land", timeout=30)
    assert [c.who for c in cases(desk)] == ["Ms Li"]
    desk.engine.dispose()


async def test_a_restore_holding_the_records_the_save_waits_and_lands_after(desk, db_path):
    code = ("import sys, time; from pathlib import Path; from deskapp.upkeep.restore import _sqlite_maintenance\n"
            "with _sqlite_maintenance(Path(sys.argv[1]), '17:15'):\n    print('held', flush=True); sys.stdin.read()")
    app = DeskApp(desk, OPERATOR)
    holder = None
    try:
        async with app.run_test(size=(140, 45)) as pilot:
            screen = await _typed_and_confirmed(pilot)
            # Read back first, then the restore begins: what waits is the save, as the operator says yes.
            await _read_back(pilot)
            holder = _holding(code, str(db_path))
            await _confirm(pilot, read_back=False)
            await until(pilot, lambda: "trying again in" in _line(screen), "the save to say it waits")
            assert "being restored from a backup (since 17:15)" in _line(screen)
            holder.stdin.close()
            holder.wait(10)
            await until(pilot, lambda: "recorded" in _line(screen), "the save to land", timeout=20)
    finally:
        if holder is not None and holder.poll() is None:
            holder.kill()
    assert [c.who for c in cases(desk)] == ["Ms Li"]
    assert db.current_revision(desk.engine) == db.SCHEMA_HEAD
