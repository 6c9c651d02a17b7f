"""A desk killed mid-stream loses nothing it had confirmed, and leaves the database whole."""

from __future__ import annotations

from benchmarks.crash import crash_rounds
from deskapp.upkeep.check import check
from deskapp.upkeep.setup import open_desk


def test_killed_writers_lose_no_returned_save(tmp_path, shanghai_env):
    path = tmp_path / "crash.db"
    saved, missing = crash_rounds(path, rounds=3, seed=2)
    assert saved > 0 and missing == []
    desk, _ = open_desk(str(path))
    assert check(desk).ok
