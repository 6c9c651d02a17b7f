"""The day's first start: the sign-in screen is up at once, and the backup is made behind it; a
backup that fails is a warning in plain words and the desk carries on taking calls."""

from __future__ import annotations

import sqlite3
import time

from textual.worker import WorkerState

import deskapp.upkeep.backup as upkeep_backup
from deskapp.app import DeskApp
from deskapp.screens.sign_in import SignInScreen
from tests.conftest import settled

TODAYS = "daily-2026-11-23-desk.db"  # the desk's clock stands at Monday 23 Nov 2026, 09:00


def _slowed(monkeypatch, seconds: float) -> None:
    real = upkeep_backup.daily_backup

    def slow_daily_backup(*args, **kwargs):
        time.sleep(seconds)  # a million cases' worth of copying
        return real(*args, **kwargs)

    monkeypatch.setattr(upkeep_backup, "daily_backup", slow_daily_backup)


def _backup_worker(app):
    return next(w for w in app.workers if w.group == "daily-backup")


async def test_the_sign_in_screen_is_up_before_the_days_backup_is_made(desk, db_path, monkeypatch):
    _slowed(monkeypatch, 2)
    folder = db_path.parent / "backups"
    app = DeskApp(desk, daily_backup=True)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert _backup_worker(app).state in (WorkerState.PENDING, WorkerState.RUNNING)
        assert not (folder / TODAYS).exists()  # the desk is up while the copy is still being made
        await settled(pilot)
        assert (folder / TODAYS).exists()
        with sqlite3.connect(folder / TODAYS) as copy:
            assert copy.execute("SELECT count(*) FROM staff").fetchone()[0] > 0
        said = [str(n.message) for n in app._notifications]
        assert said == [f"daily backup made: {folder / TODAYS}"]
        assert isinstance(app.screen, SignInScreen)


async def test_a_second_start_the_same_day_makes_no_backup_and_says_nothing(desk, db_path):
    for start in range(2):
        app = DeskApp(desk, daily_backup=True)
        async with app.run_test(size=(120, 34)) as pilot:
            await settled(pilot)
            said = [str(n.message) for n in app._notifications]
    assert said == []  # the second start: today's backup was already there
    assert sorted(p.name for p in (db_path.parent / "backups").glob("daily-*")) == [TODAYS]


async def test_a_failed_backup_is_a_warning_in_plain_words_and_the_desk_stays_up(desk, db_path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device", str(db_path.parent / "backups" / TODAYS))

    monkeypatch.setattr(upkeep_backup, "daily_backup", full_disk)
    app = DeskApp(desk, daily_backup=True)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
        [warning] = list(app._notifications)
        assert warning.severity == "warning"
        assert str(warning.message) == (f"today's backup could not be made (the disk holding {db_path.parent / 'backups' / TODAYS}"
                                        " is full; free some space and try again); run `deskapp backup` by hand")
        assert app.is_running and isinstance(app.screen, SignInScreen)


async def test_the_app_opened_without_asking_makes_no_backup(desk, db_path):
    app = DeskApp(desk)
    async with app.run_test(size=(120, 34)) as pilot:
        await settled(pilot)
    assert not (db_path.parent / "backups").exists()
