"""Text is text: escape sequences never reach a terminal, formulas never reach a spreadsheet live,
long text is refused with its limit named and parsed in linear time, and the files the desk
writes are its own account's only."""

from __future__ import annotations

import csv
import io
import stat
import time
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake, split_which
from deskapp.upkeep.backup import daily_backup
from deskapp.words.safe import cell_text, visible
from tests.conftest import at

ALL_BACKENDS = True

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x9b31m"  # clear screen, retitle the terminal, bell, a one-byte CSI


def raw_terminal_codes(text: str) -> list[str]:
    return [ch for ch in text if ch in "\x1b\x07\x9b"]


def _hostile_case(desk) -> int:
    """A case written before input was checked (or by another program): escapes in every text."""
    view = record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li",
                                      which="Tower B 12F 1203", what="noise", received_at=at("2026-11-23 08:00")))
    with desk.engine.begin() as c:
        c.execute(sa.text("UPDATE cases SET who = :t, what = :t, category = :t, why = :t WHERE id = :id"),
                  {"t": f"Ms Li{ESCAPES}", "id": view.case.id})
    return view.case.id


def test_stored_escapes_never_reach_the_terminal_raw(cli, desk, tmp_path):
    number = _hostile_case(desk)
    for command in (("show", str(number)), ("list",), ("show", str(number), "--json"), ("list", "--json"),
                    ("report", "month", "--month", "2026-11"), ("callbacks",), ("callbacks", "--format", "csv"),
                    ("callbacks", "--format", "json"), ("report", "month", "--month", "2026-11", "--format", "json")):
        code, out, err = cli(*command)
        assert code == 0, (command, err)
        assert raw_terminal_codes(out + err) == [], command
    code, out, _ = cli("show", str(number))
    assert "Ms Li\\x1b[2J\\x1b]0;pwned\\x07\\x9b31m" in out  # shown as visible escapes
    import json

    code, out, _ = cli("show", str(number), "--json")
    assert json.loads(out)["what"] == f"Ms Li{ESCAPES}"  # scripts still read the value exactly


@pytest.mark.parametrize("fmt", ["md", "csv", "html"])
def test_report_files_hold_no_raw_escape(cli, desk, tmp_path, fmt):
    _hostile_case(desk)
    target = tmp_path / f"month.{fmt}"
    code, _, err = cli("report", "month", "--month", "2026-11", "--output", str(target))
    assert code == 0, err
    written = target.read_text(encoding="utf-8")
    assert raw_terminal_codes(written) == [] and "\\x1b" in written
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_stored_notice_with_escapes_is_listed_visibly(cli, desk):
    from deskapp.models import Notice

    with desk.transaction() as session:
        session.add(Notice(topic="water", title=f"Water off{ESCAPES}", starts_at=at("2026-11-25 09:00"),
                           ends_at=at("2026-11-25 12:00"), created_at=at("2026-11-23 09:00"), created_by_id=1))
    for command in (("notices",), ("notices", "--json")):
        code, out, err = cli(*command)
        assert code == 0 and raw_terminal_codes(out) == [], err


def test_export_cells_are_never_live_formulas(cli, desk, tmp_path):
    from openpyxl import load_workbook

    record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who='=HYPERLINK("http://x","click")',
                               company="@SUM(A1)", which="Tower B 12F 1203", what="=1+1", why="-2+3",
                               phone="+86 138 0013 8000", received_at=at("2026-11-23 08:00")))
    code, _, err = cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", str(tmp_path / "cases.csv"))
    assert code == 0, err
    row = next(csv.DictReader(io.StringIO((tmp_path / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert (row["who"], row["company"], row["what"], row["why"]) == (
        """'=HYPERLINK("http://x","click")""", "'@SUM(A1)", "'=1+1", "'-2+3")
    assert row["phone"] == "'+8********8000"  # masked, and never read as a formula
    code, _, err = cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", str(tmp_path / "cases.xlsx"))
    assert code == 0, err
    sheet = load_workbook(tmp_path / "cases.xlsx").active
    heads = [c.value for c in sheet[1]]
    cells = {h: c for h, c in zip(heads, sheet[2])}
    assert cells["who"].data_type == "s" and cells["who"].value == """'=HYPERLINK("http://x","click")"""
    assert cells["what"].value == "'=1+1" and cells["what"].data_type == "s"
    # Real values a supervisor can sort and sum: numbers, the desk's wall-clock time, booleans.
    assert cells["id"].value == 1 and cells["version"].value == 1
    assert cells["received_at"].value == datetime(2026, 11, 23, 8, 0) and cells["received_at"].is_date
    assert cells["after_hours"].value is False  # a boolean, not the text "False"
    for name in ("cases.csv", "cases.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600


def test_a_file_written_over_becomes_owner_only(cli, desk, tmp_path):
    target = tmp_path / "month.md"
    target.write_text("old")
    target.chmod(0o644)
    code, _, err = cli("report", "month", "--month", "2026-11", "--output", str(target))
    assert code == 0 and stat.S_IMODE(target.stat().st_mode) == 0o600, err


def test_cell_text_and_visible():
    assert cell_text("=1+1") == "'=1+1" and cell_text("\tx") == "'\tx" and cell_text("@me") == "'@me"
    assert cell_text("plain") == "plain" and cell_text("") == ""
    assert visible("two\nlines\ttab") == "two\nlines\ttab"
    assert visible("a\x1b[2Jb\u202ec") == "a\\x1b[2Jb\\u202ec"


# -- lengths ---------------------------------------------------------------------------------------

def test_a_which_over_the_building_column_is_refused_with_its_limit(cli):
    code, _, err = cli("add", "--kind", "repair", "--what", "leak", "--which", "Tower " + "B" * 90 + " 12F 1203")
    assert code == 2 and "the which is too long (105 characters; at most 80)" in err.strip().splitlines()[-1]
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("option, limit", [("--building", 80), ("--floor", 20), ("--unit", 40), ("--category", 80),
                                           ("--what", 10_000), ("--who", 10_000)])
def test_every_text_option_has_a_stated_limit(cli, option, limit):
    value = "7" * (limit + 1)
    code, _, err = cli("add", "--kind", "inquiry", "--what", "x", option, value)
    assert code == 2 and f"({limit + 1} characters; at most {limit})" in err, err
    code, _, err = cli("add", "--kind", "inquiry", "--what", "x", option, "7" * limit)
    assert code == 0, err


def test_a_long_which_is_parsed_in_linear_time():
    start = time.perf_counter()
    for text in ("a" * 100_000, "1 " * 50_000, "12 " * 33_000, " " * 100_000 + "3F", "1" + " " * 100_000):
        split_which(text)
    assert time.perf_counter() - start < 1.0  # 16,000 characters took 28 s with the quadratic pattern
    assert split_which("Tower B 12F unit 1203") == ("Tower B", "12", "1203")
    assert split_which("B座12层1203室") == ("B座", "12", "1203")
    assert split_which("裙楼地下1层") == ("裙楼", "B1", "")


# -- backups' names and modes ---------------------------------------------------------------------

def test_two_backups_in_one_second_never_overwrite(cli, desk, tmp_path):
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("the default folder is beside a SQLite file")
    made = []
    for _ in range(2):
        code, out, err = cli("backup")
        assert code == 0, err
        made.append(out.split(" written to ")[1].split(" (")[0])
    assert made[0] != made[1] and made[1].endswith("-2.db")
    assert stat.S_IMODE(Path(made[0]).parent.stat().st_mode) == 0o700
    for path in made:
        assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600


def test_two_databases_in_one_folder_keep_their_own_daily_backups(desk, tmp_path, policy, calendar):
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("two SQLite files in one folder")
    import shutil

    from deskapp.config.paths import sqlite_path
    from deskapp.store import db
    from deskapp.store.context import Desk

    other_path = tmp_path / "annex.db"
    shutil.copy(sqlite_path(str(desk.engine.url)), other_path)
    other = Desk(db.make_engine(f"sqlite:///{other_path}"), policy, calendar)
    folder = tmp_path / "backups"
    first = daily_backup(desk, folder, keep=1, today="2026-11-24")
    second = daily_backup(other, folder, keep=1, today="2026-11-24")
    assert first is not None and second is not None and first != second
    assert sorted(p.name for p in folder.iterdir()) == ["daily-2026-11-24-annex.db", "daily-2026-11-24-desk.db"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    other.engine.dispose()


def test_a_notice_posted_from_any_desk_refuses_control_characters(desk):
    from deskapp.desk.notices import add_notice
    from deskapp.domain.errors import DeskError

    with pytest.raises(DeskError, match=r"title contains an invisible control character \(U\+001B\)"):
        add_notice(desk, "water", "Water off\x1b]0;pwned\x07", at("2026-11-25 09:00"), at("2026-11-25 12:00"))
    with pytest.raises(DeskError, match=r"building is too long \(81 characters; at most 80\)"):
        add_notice(desk, "water", "Water off", at("2026-11-25 09:00"), at("2026-11-25 12:00"), building="B" * 81)
