"""A desk on a bad day: the database locked, read-only, full, gone, damaged or not there at all.
Each ends in one plain line and exit code 2 (1 for `check`, whose job it is), never a traceback.

Tests run as root, for whom chmod stops nothing: a read-only file is made with `chattr +i` (the
immutable flag stops root too), a read-only folder and a full disk with small tmpfs mounts (a
read-only remount). Where the machine does not allow them the test says so and is skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake
from deskapp.models import Case
from deskapp.store import db, faults
from deskapp.store.faults import DatabaseFault
from deskapp.upkeep.setup import open_desk
from tests.conftest import at

ADD = ("add", "--kind", "inquiry", "--who", "Ms Li", "--what", "is the water back on?")


def one_plain_line(err: str) -> str:
    """The refusal as the operator sees it: one line, no traceback."""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


def cases_in(path: Path) -> int:
    engine = db.make_engine(f"sqlite:///{path}")
    with Session(engine) as session:
        n = session.exec(select(func.count()).select_from(Case)).one()
    engine.dispose()
    return n


# -- only the real database ---------------------------------------------------------------------

def test_a_mistyped_path_is_refused_naming_it_and_nothing_is_created(cli, tmp_path):
    typo = tmp_path / "desk.bd"
    code, _, err = cli("--db", str(typo), "list")
    assert code == 2 and f"there is no desk database at {typo}" in one_plain_line(err)
    assert not typo.exists()
    code, out, err = cli("--db", str(typo), "init")
    assert code == 0 and "database ready" in out, err
    code, _, err = cli("--db", str(typo), *ADD)
    assert code == 0, err


def test_an_empty_file_is_refused_not_made_into_an_empty_desk(cli, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    for command in (ADD, ("backup",)):
        code, _, err = cli("--db", str(empty), *command)
        assert code == 2 and f"{empty} is an empty file, not a desk database" in one_plain_line(err)
    code, out, err = cli("--db", str(empty), "check")  # check's finding, not a failure to run
    assert code == 1 and f"{empty} is an empty file" in out and "Traceback" not in err
    assert empty.stat().st_size == 0


def test_a_file_that_is_not_a_desk_database_is_refused(cli, tmp_path):
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list")
    code, _, err = cli("--db", str(notes), "list")
    assert code == 2 and "is not a desk database (not a SQLite file)" in one_plain_line(err)
    other = tmp_path / "other.db"
    import sqlite3

    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    code, _, err = cli("--db", str(other), "list")
    assert code == 2 and "holds no desk database" in one_plain_line(err)


def test_a_postgresql_url_with_no_desk_is_refused(cli):
    if not os.environ.get("DESKAPP_TEST_POSTGRES"):
        pytest.skip("no PostgreSQL server for the tests")
    import sqlalchemy as sa

    admin = sa.create_engine(os.environ["DESKAPP_TEST_POSTGRES"], isolation_level="AUTOCOMMIT")
    name = f"deskapp_empty_{os.getpid()}"
    with admin.connect() as c:
        c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        c.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        url = sa.engine.make_url(os.environ["DESKAPP_TEST_POSTGRES"]).set(database=name).render_as_string(hide_password=False)
        code, _, err = cli("--db", url, "list")
        assert code == 2 and "holds no desk database" in one_plain_line(err) and name in err
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def test_a_file_deleted_under_a_running_desk_takes_no_save(db_path, shanghai_env):
    desk, _ = open_desk(str(db_path), create=False)
    from deskapp.desk.intake import record_intake

    call = Intake(kind=Kind.inquiry, what="lift stuck?", received_at=at("2026-11-24 09:00"))
    record_intake(desk, call)
    os.unlink(db_path)
    with pytest.raises(DatabaseFault) as refused:
        record_intake(desk, call)
    assert f"the database file {db_path} was deleted while the desk was open; nothing was saved" in str(refused.value)
    assert faults.fault_of(refused.value).kind == faults.DETACHED
    desk.engine.dispose()


def test_a_file_replaced_under_a_running_desk_takes_no_save(db_path, tmp_path, shanghai_env):
    desk, _ = open_desk(str(db_path), create=False)
    from deskapp.desk.intake import record_intake

    call = Intake(kind=Kind.inquiry, what="lift stuck?", received_at=at("2026-11-24 09:00"))
    shutil.copy(db_path, tmp_path / "other.db")
    os.replace(tmp_path / "other.db", db_path)
    with pytest.raises(DatabaseFault, match="was replaced by another file"):
        record_intake(desk, call)
    desk.engine.dispose()
    assert cases_in(db_path) == 0


# -- the database locked, read-only, full, stopped -------------------------------------------------

def test_a_database_locked_by_another_program(cli, db_path, monkeypatch):
    monkeypatch.setenv("DESKAPP_BUSY_TIMEOUT_MS", "200")
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import sqlite3, sys, time\n"
                                f"c = sqlite3.connect({str(db_path)!r}, isolation_level=None)\n"
                                "c.execute('BEGIN EXCLUSIVE'); print('held', flush=True); sys.stdin.read()")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        code, _, err = cli("--db", str(db_path), *ADD)
        assert code == 2 and "the database is locked by another program" in one_plain_line(err)
    finally:
        holder.stdin.close()
        holder.wait(10)
    assert cases_in(db_path) == 0
    code, _, err = cli("--db", str(db_path), *ADD)
    assert code == 0, err


def _immutable(path: Path) -> bool:
    return shutil.which("chattr") is not None and subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode == 0


def test_a_read_only_database_file(cli, db_path):
    if not _immutable(db_path):
        pytest.skip("chattr +i is not available here (root ignores chmod)")
    try:
        code, _, err = cli("--db", str(db_path), *ADD)
        assert code == 2 and "the database cannot be written" in one_plain_line(err)
        code, out, err = cli("--db", str(db_path), "list")  # reading still works
        assert code == 0 and "no cases match" in out, err
    finally:
        subprocess.run(["chattr", "-i", str(db_path)], check=True)


@pytest.fixture
def small_disk(tmp_path):
    """A tmpfs of its own (root only); unmounted after the test."""
    where = tmp_path / "disk"
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield where
    subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_read_only_folder(cli, db_path, small_disk):
    shutil.copy(db_path, small_disk / "desk.db")
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, _, err = cli("--db", str(small_disk / "desk.db"), *ADD)
    line = one_plain_line(err)
    assert code == 2 and "the database cannot be written" in line and str(small_disk / "desk.db") in line


def test_a_full_disk(cli, db_path, small_disk):
    shutil.copy(db_path, small_disk / "desk.db")
    code, _, err = cli("--db", str(small_disk / "desk.db"), "list")
    assert code == 0, err
    try:
        with open(small_disk / "filler", "wb") as filler:  # every last block
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
    except OSError:
        pass
    long_call = ("add", "--kind", "inquiry", "--what", "x" * 9000)
    code, _, err = cli("--db", str(small_disk / "desk.db"), *long_call)
    assert code == 2 and "the disk is full" in one_plain_line(err)
    code, _, err = cli("--db", str(small_disk / "desk.db"), "backup", str(small_disk / "copy.db"))
    assert code == 2 and "full" in one_plain_line(err)


def test_a_postgresql_server_that_is_not_answering(cli):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/desk?connect_timeout=2"
    for command in (ADD, ("list",), ("check",)):
        code, _, err = cli("--db", url, *command)
        assert code == 2 and "the database server is not answering" in one_plain_line(err)


# -- a damaged file -----------------------------------------------------------------------------

def _spoil(path: Path, table: str) -> None:
    """Random bytes over the middle leaf pages of one table: pages SQLite will find malformed. Chosen by
    table, not by place in the file: where the table list's own pages lie moves as migrations add tables."""
    import sqlite3

    with sqlite3.connect(path) as c:
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = c.execute("PRAGMA page_size").fetchone()[0]
        pages = [n for (n,) in c.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                                         "ORDER BY pageno", (table,))]
    middle = pages[len(pages) // 3: len(pages) // 3 + 4] or pages
    with open(path, "r+b") as f:
        for page in middle:
            f.seek((page - 1) * size)
            f.write(os.urandom(size))


def _forty_calls(cli, db_path) -> None:
    for n in range(40):
        code, _, err = cli("--db", str(db_path), "add", "--kind", "inquiry", "--what", f"call {n} " + "x" * 400)
        assert code == 0, err


@pytest.fixture
def damaged(cli, db_path):
    """The cases' own pages damaged: the desk opens, and what reads them finds them malformed."""
    _forty_calls(cli, db_path)
    _spoil(db_path, "cases")
    return db_path


def test_a_file_whose_table_list_is_damaged_is_refused_in_words(cli, db_path, tmp_path):
    _forty_calls(cli, db_path)
    _spoil(db_path, "sqlite_schema")
    for command in (("backup", str(tmp_path / "now.db")), ("list",)):
        code, out, err = cli("--db", str(db_path), *command)
        assert code == 2 and "Traceback" not in out + err
        assert "the database file is damaged" in one_plain_line(err)
    assert not (tmp_path / "now.db").exists()


def test_check_reports_a_damaged_file_in_plain_words(cli, damaged):
    code, out, err = cli("--db", str(damaged), "check")
    assert code == 1 and "Traceback" not in out + err
    assert f"database: {damaged}" in out and "restore the newest good backup" in out


def test_a_damaged_file_is_not_backed_up_over_the_good_ones(cli, damaged, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    good = folder / "daily-2026-11-23-desk.db"
    good.write_bytes(b"yesterday's good copy")
    from deskapp.upkeep.backup import daily_backup

    desk, _ = open_desk(str(damaged), create=False)
    with pytest.raises(Exception) as refused:
        daily_backup(desk, folder, keep=1, today="2026-11-24")
    assert "fails its integrity check" in str(refused.value)
    desk.engine.dispose()
    assert good.read_bytes() == b"yesterday's good copy"  # the last good copy is never rotated out
    assert not (folder / "daily-2026-11-24-desk.db").exists()
    code, _, err = cli("--db", str(damaged), "backup", str(tmp_path / "now.db"))
    assert code == 2 and "fails its integrity check" in one_plain_line(err)


# -- what was typed -------------------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--received", "--appointment", "--requested", "--promised"])
@pytest.mark.parametrize("typed", ["9999-12-31 10:00", "0001-01-01 10:00", "0001-01-01T00:00+14:00"])
def test_years_out_of_range_are_refused(cli, db_path, option, typed):
    code, _, err = cli("--db", str(db_path), *ADD, option, typed)
    assert code == 2 and "outside the years the desk works with (1901 to 2199)" in one_plain_line(err)


def test_text_that_is_not_utf8_is_refused_naming_the_option(cli, db_path):
    gbk = "王芳".encode("gbk").decode("utf-8", "surrogateescape")  # what Python makes of GBK bytes in argv
    code, _, err = cli("--db", str(db_path), "add", "--kind", "inquiry", "--what", "x", "--who", gbk)
    assert code == 2 and "--who: the text is not valid UTF-8" in one_plain_line(err)
    code, _, err = cli("--db", str(db_path), "list", f"--search={gbk}")
    assert code == 2 and "--search: the text is not valid UTF-8" in one_plain_line(err)


def test_a_notice_with_an_escape_sequence_is_refused(cli, db_path):
    code, _, err = cli("--db", str(db_path), "notice-add", "\x1b[2J\x1b]0;pwned\x07",
                       "--starts", "2026-11-25 09:00", "--ends", "2026-11-25 12:00")
    assert code == 2 and "contains an invisible control character (U+001B)" in one_plain_line(err)
    code, _, err = cli("--db", str(db_path), "notice-add", "Water off", "--details", "x" * 10_001,
                       "--starts", "2026-11-25 09:00", "--ends", "2026-11-25 12:00")
    assert code == 2 and "too long (10001 characters; at most 10000)" in one_plain_line(err)


def test_a_backup_onto_a_folder_is_refused(cli, db_path, tmp_path):
    code, _, err = cli("--db", str(db_path), "backup", str(tmp_path))
    assert code == 2 and f"{tmp_path} is a folder: give the backup a file name" in one_plain_line(err)


# -- the sorting of faults ------------------------------------------------------------------------

@pytest.mark.parametrize("said, kind", [
    ("database is locked", faults.LOCKED), ("attempt to write a readonly database", faults.READ_ONLY),
    ("database or disk is full", faults.FULL), ("database disk image is malformed", faults.CORRUPT),
    ("file is not a database", faults.CORRUPT), ("unable to open database file", faults.UNREADABLE),
])
def test_sqlite_words_are_sorted_into_kinds(said, kind):
    import sqlite3

    import sqlalchemy.exc as sa_exc

    wrapped = sa_exc.OperationalError("INSERT ...", {}, sqlite3.OperationalError(said))
    fault = faults.fault_of(wrapped)
    assert fault is not None and fault.kind == kind and fault.message
    assert fault.retryable == (kind in (faults.LOCKED, faults.UNAVAILABLE))


def test_file_system_errors_and_bugs():
    import errno

    assert faults.fault_of(OSError(errno.ENOSPC, "No space left", "/mnt/x.db")).kind == faults.FULL
    assert faults.fault_of(OSError(errno.EROFS, "Read-only", "/mnt/x.db")).message.startswith("/mnt/x.db cannot be written")
    assert faults.fault_of(IsADirectoryError(errno.EISDIR, "Is a directory", "/tmp")).kind == faults.FOLDER
    assert faults.fault_of(KeyError("a bug")) is None  # a bug is not a fault: it must still be seen


def test_a_search_of_a_thousand_words_is_refused_in_plain_words(cli, db_path):
    code, _, err = cli("--db", str(db_path), "list", "--search=" + "1 " * 991)  # found by test_fuzz_cli
    assert code == 2 and "longer than the database allows" in one_plain_line(err)
