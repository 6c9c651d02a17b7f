"""`deskapp calendar YEAR`: which days the desk rests, which Sundays it works, and on whose word;
and `deskapp check` saying when the machine's zone is not the calendar's country's."""

from __future__ import annotations

import json
import shutil
import time
from datetime import date
from pathlib import Path

import pytest
import tzlocal

from deskapp.config.datafiles import COUNTRY_ZONES
from deskapp.domain.calendar import PackageYear, year_days, zone_mismatch

DATA = Path(__file__).resolve().parent.parent / "data"


def _days(cli, year: str) -> dict[str, dict]:
    code, out, err = cli("calendar", year, "--json")
    assert code == 0, err
    return {day["date"]: day for day in json.loads(out)}


@pytest.fixture
def supervisors_data(tmp_path, monkeypatch):
    """A copy of data/ whose calendar.toml the supervisor may edit."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns("*.db*"))
    monkeypatch.setenv("DESKAPP_DATA", str(folder))

    def calendar_toml(old: str, new: str) -> None:
        path = folder / "calendar.toml"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return calendar_toml


def test_2026_national_day_and_its_make_up_days_are_the_official_notice(cli):
    days = _days(cli, "2026")
    for d in ("2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"):
        assert days[d]["kind"] == "day_off" and days[d]["source"] == "official", d
    # Sun 20 Sep and Sat 10 Oct are worked in exchange, as the State Council's notice says.
    for d in ("2026-09-20", "2026-10-10", "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09"):
        assert days[d] == {"date": d, "kind": "working_day", "name": "make-up working day", "source": "official"}
    assert days["2026-10-01"]["name"] == "National Day"


def test_2027_is_only_an_estimate_with_no_make_up_working_days_yet(cli):
    days = _days(cli, "2027")
    assert days["2027-10-01"]["kind"] == "day_off"
    assert {day["source"] for day in days.values()} == {"estimate"}
    assert [d for d, day in days.items() if day["kind"] == "working_day"] == []


def test_a_day_off_the_supervisor_added_says_so(cli, supervisors_data):
    supervisors_data("holidays = []", 'holidays = ["2026-12-24"]')
    days = _days(cli, "2026")
    assert days["2026-12-24"] == {"date": "2026-12-24", "kind": "day_off", "name": "added in calendar.toml",
                                  "source": "supervisor"}
    assert days["2026-10-01"]["source"] == "official"


def test_a_supervisors_working_day_wins_over_the_package(cli, supervisors_data):
    supervisors_data("workdays = []", 'workdays = ["2026-10-07"]')
    assert _days(cli, "2026")["2026-10-07"]["kind"] == "working_day"
    assert _days(cli, "2026")["2026-10-07"]["source"] == "supervisor"


def test_the_json_is_a_list_of_dated_days_in_order(cli):
    code, out, _err = cli("calendar", "2026", "--json")
    days = json.loads(out)
    assert code == 0 and isinstance(days, list) and days
    assert all(set(day) == {"date", "kind", "name", "source"} for day in days)
    assert [day["date"] for day in days] == sorted(day["date"] for day in days)
    assert {day["kind"] for day in days} == {"day_off", "working_day"}


def test_the_table_shows_dates_in_the_desks_language(cli):
    code, out, _err = cli("calendar", "2026")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("Thu 01 Oct"))
    assert "day off" in line and "official notice" in line and "National Day" in line
    code, out, _err = cli("--lang", "zh_CN", "calendar", "2026")
    assert code == 0 and any(line.startswith("10月1日 周四") and "国庆节" in line for line in out.splitlines())


@pytest.mark.parametrize("year", ["twenty", "1900", "2200", "-5", "2026.5", ""])
def test_a_year_the_desk_cannot_work_with_is_one_line_and_exit_2(cli, year):
    code, out, err = cli("calendar", year)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("error:")


def test_a_machine_zone_outside_the_calendars_country_is_a_mismatch():
    china = COUNTRY_ZONES["CN"]
    assert zone_mismatch("", "UTC", china)
    assert zone_mismatch("", "Europe/London", china)
    assert not zone_mismatch("", "Asia/Shanghai", china)
    assert not zone_mismatch("", "Asia/Urumqi", china)
    assert not zone_mismatch("Asia/Shanghai", "UTC", china)  # the file names the zone: the machine's is not used
    assert not zone_mismatch("", "UTC", None)  # a country whose zones are not known


def test_year_days_put_the_supervisor_over_the_package():
    package = PackageYear({date(2027, 10, 1): "National Day"}, frozenset({date(2027, 9, 26)}), official=False)
    days = year_days(2027, package, frozenset({date(2027, 12, 24)}), frozenset({date(2027, 10, 1)}))
    assert [(d.day, d.kind, d.source) for d in days] == [
        (date(2027, 9, 26), "working_day", "estimate"),
        (date(2027, 10, 1), "working_day", "supervisor"),
        (date(2027, 12, 24), "day_off", "supervisor"),
    ]


def _machine_on(monkeypatch, zone: str) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    tzlocal.reload_localzone()


def test_check_warns_when_a_utc_server_runs_a_shanghai_desk(cli, supervisors_data, monkeypatch):
    supervisors_data('timezone = "Asia/Shanghai"', 'timezone = ""')
    assert cli("init")[0] == 0
    _machine_on(monkeypatch, "UTC")
    code, out, err = cli("check")
    assert code == 0 and "all well" in out
    warnings = [line for line in err.splitlines() if "time zone" in line]
    assert len(warnings) == 1 and "UTC" in warnings[0] and "CN" in warnings[0]


def test_check_is_quiet_about_the_zone_on_a_shanghai_machine(cli, supervisors_data):
    supervisors_data('timezone = "Asia/Shanghai"', 'timezone = ""')
    assert cli("init")[0] == 0
    code, out, err = cli("check")
    assert code == 0 and "time zone" not in err


def test_the_table_for_2027_says_it_is_an_estimate(cli):
    code, out, _err = cli("calendar", "2027")
    assert code == 0
    assert out.splitlines()[-1].startswith("2027 has no official notice in the holidays package yet")
    code, out, _err = cli("calendar", "2026")
    assert "no official notice" not in out
