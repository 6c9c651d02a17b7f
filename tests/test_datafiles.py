"""The supervisor's data files: the shipped ones load, and a mistake is named in plain words."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from deskapp.config.datafiles import (
    DataFileError,
    load_calendar,
    load_policy,
    load_staff,
)
from deskapp.config.paths import data_dir
from deskapp.domain.enums import ClockName, Counting, Kind, Role, Severity
from deskapp.domain.policy import PolicyError, policy_from_dict


def test_shipped_policy_holds_the_domain_defaults():
    policy = load_policy(data_dir())
    major = policy.rule(ClockName.forward, Kind.complaint, Severity.major)
    general = policy.rule(ClockName.forward, Kind.complaint, Severity.general)
    assert (major.span.total_seconds() / 60, major.counting) == (10, Counting.wall)
    assert (general.span.total_seconds() / 60, general.counting) == (20, Counting.working)
    assert policy.rule(ClockName.escalate, Kind.complaint, Severity.general) is None
    assert policy.due_soon_share == 0.25 and policy.callback_max_failed == 3


def test_shipped_calendar_and_staff_load():
    calendar = load_calendar(data_dir())
    assert calendar.is_working_day(date(2026, 9, 20))  # make-up Sunday
    assert not calendar.is_working_day(date(2026, 10, 5))
    staff = load_staff(data_dir())
    assert {"Customer Service", "Engineering", "Housekeeping", "Security"} <= {d for d, _ in staff.departments}
    assert {s.role for s in staff.staff} >= {Role.receptionist, Role.night_duty, Role.supervisor,
                                            Role.department_manager, Role.project_manager}


@pytest.mark.parametrize(
    ("clock", "message"),
    [
        ({"name": "forwrad", "kinds": ["complaint"], "minutes": 5}, "'forwrad' is not one of"),
        ({"name": "forward", "kinds": [], "minutes": 5}, "needs kinds"),
        ({"name": "forward", "kinds": ["complaint"]}, "needs a limit"),
        ({"name": "forward", "kinds": ["complaint"], "minutes": 5, "hours": 1}, "give the limit once"),
        ({"name": "forward", "kinds": ["complaint"], "minutes": -5}, "must be more than 0"),
        ({"name": "forward", "kinds": ["complaint"], "minutes": "ten"}, "must be a number"),
        ({"name": "forward", "kinds": ["complaint"], "minutes": 5, "counting": "office"}, "'office' is not one of"),
    ],
)
def test_policy_mistakes_are_named(clock, message):
    with pytest.raises(PolicyError, match=message):
        policy_from_dict({"clock": [clock]})


def test_a_broken_data_file_names_the_file(tmp_path):
    for name in ("policy.toml", "calendar.toml", "staff.toml"):
        shutil.copy(data_dir() / name, tmp_path / name)
    (tmp_path / "calendar.toml").write_text('timezone = "Mars/Olympus"\n')
    with pytest.raises(DataFileError, match="calendar.toml: timezone 'Mars/Olympus' is not a time zone"):
        load_calendar(tmp_path)
    (tmp_path / "policy.toml").write_text("[[clock]\n")
    with pytest.raises(DataFileError, match="policy.toml cannot be read"):
        load_policy(tmp_path)
    (tmp_path / "staff.toml").write_text('[[staff]]\nname = "A"\nrole = "boss"\n')
    with pytest.raises(DataFileError, match="has role 'boss'"):
        load_staff(tmp_path)


def test_the_shipped_calendar_keeps_shanghai_time_on_a_machine_set_to_utc(monkeypatch):
    """A Friday 19:30 call in Shanghai is after hours wherever the server stands: its general
    complaint is due to be forwarded at 08:20 on Monday, not at 19:50 the same evening."""
    import time
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from deskapp.domain.clocks import CaseFacts, compute_clocks

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        calendar = load_calendar(data_dir())
        policy = load_policy(data_dir())
        friday = datetime(2026, 11, 20, 19, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
        facts = CaseFacts(kind=Kind.complaint, severity=Severity.general, received_at=friday)
        forward = next(c for c in compute_clocks(facts, policy, calendar, friday) if c.name is ClockName.forward)
        assert str(calendar.tz) == "Asia/Shanghai"
        assert forward.due == datetime(2026, 11, 23, 8, 20, tzinfo=ZoneInfo("Asia/Shanghai"))
    finally:
        monkeypatch.undo()
        time.tzset()
