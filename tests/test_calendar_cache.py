"""The public holidays the desk's calendar counts with, kept between runs: a script's `deskapp add`
need not load the holidays package's 250 countries to learn that 1 October is National Day."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deskapp.config import holiday_cache
from deskapp.config.holiday_cache import CachedHolidays
from deskapp.domain.calendar import PACKAGE, CalendarError, CalendarSpec, HolidaySource, WorkCalendar, package_days

SHANGHAI = ZoneInfo("Asia/Shanghai")
ROOT = Path(__file__).resolve().parent.parent
NATIONAL_DAY = date(2026, 10, 1)
MAKE_UP_SUNDAY = date(2026, 9, 20)  # worked for the Mid-Autumn and National Day holiday


class Counting(HolidaySource):
    """The package, counting how often a year is asked of it."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def days(self, country: str, year: int):
        self.asked.append(year)
        return super().days(country, year)


def test_national_day_and_its_make_up_sunday_come_from_the_package():
    days_off, makeup = package_days("CN", 2026)
    assert NATIONAL_DAY in days_off and MAKE_UP_SUNDAY in makeup
    desk = WorkCalendar(CalendarSpec(tz=SHANGHAI))
    assert not desk.is_working_day(NATIONAL_DAY) and desk.is_working_day(MAKE_UP_SUNDAY)


def test_each_year_is_asked_of_the_package_once():
    source = Counting()
    desk = WorkCalendar(CalendarSpec(tz=SHANGHAI), source)
    for day in (NATIONAL_DAY, MAKE_UP_SUNDAY, date(2026, 12, 25), date(2027, 1, 1), date(2027, 2, 8)):
        desk.is_working_day(day)
    assert sorted(source.asked) == [2026, 2027]


def test_a_country_the_package_does_not_know_is_refused_from_its_list():
    with pytest.raises(CalendarError, match="XX"):
        WorkCalendar(CalendarSpec(tz=SHANGHAI, country="XX"))
    assert PACKAGE.known("CN") and PACKAGE.known("CHN") and not PACKAGE.known("XX")


def test_the_next_run_reads_the_days_the_first_run_kept(tmp_path):
    kept = tmp_path / "holidays.json"
    first = WorkCalendar(CalendarSpec(tz=SHANGHAI), CachedHolidays(kept))
    assert not first.is_working_day(NATIONAL_DAY)
    stored = json.loads(kept.read_text())
    assert NATIONAL_DAY.isoformat() in stored["days"]["CN:2026"][0]

    class Refusing(CachedHolidays):
        def days(self, country, year):  # what the file holds is answered without the package
            answer = super().days(country, year)
            assert f"{country}:{year}" in stored["days"], year
            return answer

    second = WorkCalendar(CalendarSpec(tz=SHANGHAI), Refusing(kept))
    assert not second.is_working_day(NATIONAL_DAY) and second.is_working_day(MAKE_UP_SUNDAY)


def test_a_file_from_another_version_of_the_package_is_started_afresh(tmp_path):
    kept = tmp_path / "holidays.json"
    kept.write_text(json.dumps({"version": "0.1", "known": {"CN": True}, "days": {"CN:2026": [[], []]}}))
    desk = WorkCalendar(CalendarSpec(tz=SHANGHAI), CachedHolidays(kept))
    assert not desk.is_working_day(NATIONAL_DAY)  # the stale file said 2026 had no holidays
    assert json.loads(kept.read_text())["version"] == holiday_cache.package_version()


def test_a_cache_that_cannot_be_written_is_no_fault(tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("")
    desk = WorkCalendar(CalendarSpec(tz=SHANGHAI), CachedHolidays(blocked / "holidays.json"))
    assert not desk.is_working_day(NATIONAL_DAY)


def test_a_garbled_cache_is_read_as_empty(tmp_path):
    kept = tmp_path / "holidays.json"
    kept.write_text("{not json")
    desk = WorkCalendar(CalendarSpec(tz=SHANGHAI), CachedHolidays(kept))
    assert desk.is_working_day(MAKE_UP_SUNDAY)


def test_a_second_process_counts_working_time_without_loading_the_package(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(tmp_path)}
    script = ("import sys\nfrom deskapp.config.datafiles import load_calendar\nfrom datetime import date\n"
              "assert not load_calendar().is_working_day(date(2026, 10, 1))\n"
              "print('holidays' in sys.modules)\n")
    runs = [subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
            for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["True", "False"], [r.stderr for r in runs]
