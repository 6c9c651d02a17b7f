"""A restore moves case numbering past every number already given out, so the cases recorded since the
backup leave a gap. `deskapp check` says that gap is the restore's, and where those cases are; a gap
nobody explains, or one explained by a line the desk did not seal, is still a problem."""

from __future__ import annotations

import json

import pytest

from deskapp.store import db
from deskapp.store.history_key import make_key_file
from deskapp.upkeep.backup import backup
from deskapp.upkeep.check import check
from deskapp.upkeep.restore import restore
from deskapp.upkeep.skipped import restores_file
from tests.helpers import delete_every_row_of, record


@pytest.fixture(params=["unkeyed", "keyed"])
def restored(desk, request):
    """Three cases in the morning's backup; Mr Zhang's and Ms Zhou's (4 and 5) read out, then the backup put
    back: on a desk without a history key, and on one whose key seals the restore's line."""
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("only SQLite numbers cases without gaps: PostgreSQL's gaps are normal")
    if request.param == "keyed":
        make_key_file(str(desk.engine.url), 0)
    tmp_path = _database(desk).parent
    for n in range(3):
        record(desk, "2026-11-23 08:00", who=f"caller {n}")
    copy = backup(desk, tmp_path / "morning.bak")
    for who in ("Mr Zhang", "Ms Zhou"):
        record(desk, "2026-11-23 08:40", who=who)
    restore(desk, copy, "20261123-0900")
    return desk


def _database(desk):
    return db.sqlite_path(str(desk.engine.url))


def test_the_numbers_a_restore_skipped_are_a_note_naming_where_those_cases_are(restored):
    assert record(restored, "2026-11-23 09:05", who="Ms Qian") == 6  # and the gap shows below her case
    report = check(restored)
    aside = _database(restored).with_name("desk.before-restore-20261123-0900.db")
    assert report.ok and report.records == []
    assert (f"cases 4 to 5 are not here: the restore of 20261123-0900 moved numbering past them, their records "
            f"are in {aside.name}") in report.notes
    assert restores_file(_database(restored)).stat().st_mode & 0o777 == 0o600


def test_a_case_deleted_after_a_restore_is_still_reported(restored):
    record(restored, "2026-11-23 09:05", who="Ms Qian")
    delete_every_row_of(restored, 2)
    report = check(restored)
    assert "case 2 is missing: deleted with its history?" in report.records
    assert not any("case 4" in r or "case 5" in r for r in report.records)
    assert any(n.startswith("cases 4 to 5 are not here") for n in report.notes)


def test_a_line_the_desk_did_not_seal_explains_nothing(desk, tmp_path):
    """With a history key, a person who deletes a case cannot explain its gap by writing the line themselves."""
    if desk.engine.dialect.name != "sqlite":
        pytest.skip("the restores file is SQLite's")
    make_key_file(str(desk.engine.url), 0)
    for n in range(3):
        record(desk, "2026-11-23 08:00", who=f"caller {n}")
    delete_every_row_of(desk, 2)
    forged = {"first": 2, "last": 2, "stamp": "20261123-0900", "aside": "desk.before-restore-20261123-0900.db"}
    with restores_file(_database(desk)).open("a") as file:
        file.write(json.dumps({"line": json.dumps(forged, sort_keys=True), "seal": "0" * 64}) + "\n")
    report = check(desk)
    assert "case 2 is missing: deleted with its history?" in report.records
    assert not any("are not here" in n for n in report.notes)
