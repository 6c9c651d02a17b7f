"""Keeping the records safe: the history check, backups, restore, and the daily rotation."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.errors import DeskError
from deskapp.domain.intake import Intake
from deskapp.upkeep.backup import backup, daily_backup
from deskapp.upkeep.check import check
from deskapp.upkeep.restore import restore
from tests.conftest import at

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one


def _two_cases(desk) -> list[int]:
    ids = []
    for who in ("Ms Li", "Mr Zhang"):
        case_id = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who=who, which="Tower B 3F",
                                             what="noise", received_at=at("2026-11-23 08:00"))).case.id
        workflow.forward(desk, case_id, "Security", at=at("2026-11-23 08:10"))
        workflow.resolve(desk, case_id, "spoke to the neighbour", at=at("2026-11-23 08:40"))
        ids.append(case_id)
    return ids


def _sql(desk, statement: str) -> None:
    with desk.engine.begin() as c:
        c.execute(text(statement))


def test_an_unbroken_history_passes(desk):
    _two_cases(desk)
    report = check(desk)
    assert report.ok and report.cases == 2 and report.events == 6


def test_an_edited_event_is_reported(desk):
    first, _ = _two_cases(desk)
    _sql(desk, f"UPDATE history SET note = 'nothing happened' WHERE case_id = {first} AND action = 'forward'")
    report = check(desk)
    assert not report.ok
    assert report.history == [f"case {first}: history event 2 (forward) was changed after it was written"]


def test_a_removed_event_is_reported_in_the_middle_and_at_the_end(desk):
    first, second = _two_cases(desk)
    _sql(desk, f"DELETE FROM history WHERE case_id = {first} AND action = 'forward'")
    _sql(desk, f"DELETE FROM history WHERE case_id = {second} AND action = 'resolve'")
    problems = check(desk).history
    assert f"case {first}: the history before event 3 (resolve) was changed or removed" in problems
    assert f"case {second}: its latest history is missing (2 events for 3 changes)" in problems


def test_backup_and_restore_put_the_records_back(desk, tmp_path):
    if desk.engine.dialect.name == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    first, _ = _two_cases(desk)
    copy = backup(desk, tmp_path / "copy.bak")
    workflow.void(desk, first, "entered by mistake", by="Chen Jing")
    aside = restore(desk, copy, "20261123-0900").aside
    from deskapp.reads.queries import case_detail

    assert case_detail(desk, first).view.case.status.value == "resolved"
    assert check(desk).ok
    if desk.engine.dialect.name == "sqlite":
        assert aside.exists() and aside.stat().st_mode & 0o077 == 0


def test_restore_refuses_what_is_not_a_backup(desk, tmp_path):
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("the file check is SQLite's")
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    with pytest.raises(DeskError, match="is not a deskapp backup"):
        restore(desk, junk, "x")
    with pytest.raises(DeskError, match="there is no backup"):
        restore(desk, tmp_path / "missing.db", "x")


def test_daily_backup_once_a_day_keeping_the_newest(desk, tmp_path):
    if desk.engine.dialect.name == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    folder = tmp_path / "backups"
    for day in range(1, 6):
        assert daily_backup(desk, folder, keep=3, today=f"2026-11-0{day}") is not None
    assert daily_backup(desk, folder, keep=3, today="2026-11-05") is None  # already made today
    assert sorted(p.name[:16] for p in folder.iterdir() if p.name.startswith("daily-")) == ["daily-2026-11-03", "daily-2026-11-04", "daily-2026-11-05"]


def test_the_commands(cli, desk, tmp_path):
    from tests.helpers import ADD

    cli(*ADD)
    code, out, _ = cli("check")
    assert code == 0 and out.startswith("all well") and "1 cases (1 events)" in out
    if desk.engine.dialect.name == "postgresql" and not shutil.which("pg_dump"):
        return
    code, out, err = cli("backup", str(tmp_path / "now.bak"))
    assert code == 0 and "backup written to" in out, err
    code, _, err = cli("restore", str(tmp_path / "now.bak"))
    assert code == 2 and "add --yes" in err
    code, out, err = cli("restore", str(tmp_path / "now.bak"), "--yes")
    assert code == 0 and "restored" in out, err
    _sql(desk, "UPDATE history SET note = 'x'")
    code, out, _ = cli("check")
    assert code == 1 and "was changed after it was written" in out
