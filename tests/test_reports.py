"""November's report, built by hand through the desk's services, where every figure is known.

The desk reads Tuesday 1 December, 09:00: every clock due in November is met, late or still overdue.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from deskapp.desk import workflow
from deskapp.domain.enums import (
    ClockName,
    Kind,
    Satisfaction,
    Severity,
)
from deskapp.reads import statistics
from tests.conftest import SHANGHAI, at
from tests.report_cases import (
    CALLBACKS,
    CLOCKS,
    COUNTS,
    LATE,
    NOW,
    called_back,
    november,
    report_case,
    shown_counts,
)

ALL_BACKENDS = True
RATES = {"callback rate": (5 / 7, 1.0), "satisfaction": (4 / 6, 0.95)}


def _minutes(words: str) -> int:
    """'10 h 50 min' -> 650, '118 working h' -> 7080 (working minutes: the clock's own counting)."""
    units = {"days": 1440, "day": 1440, "h": 60, "min": 1}
    said = [w for w in words.split() if w != "working"]
    return sum(int(n) * units[u] for n, u in zip(said[::2], said[1::2], strict=True))


@pytest.fixture
def month(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", NOW)
    return november(desk)


def test_every_figure_of_the_month_in_json(cli, month):
    code, out, err = cli("report", "month", "--month", "2026-11", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["period"]["label"] == "2026-11" and data["period"]["start"] == "2026-11-01T00:00:00+08:00"
    assert (data["cases"], data["voided"]) == (11, 1)
    assert data["counts"] == COUNTS | {"ground": {}}  # decided before the desk had PINs: no ground asked
    for name, (met, late, overdue, rate) in CLOCKS.items():
        got = data["clocks"][name]
        assert (got["on_time"], got["late"], got["overdue"], got["not_yet_due"]) == (met, late, overdue, 0), name
        assert got["rate"] == pytest.approx(rate), name
    assert {k: data["callbacks"][k] for k in CALLBACKS} == CALLBACKS
    rates = {r["name"]: r for r in data["rates"]}
    for name, (_, _, _, rate) in CLOCKS.items():
        assert rates[f"on time: {name}"]["value"] == pytest.approx(rate)
        assert rates[f"on time: {name}"]["target"] == 1.0 and rates[f"on time: {name}"]["below_target"]
    for name, (value, target) in RATES.items():
        assert rates[name]["value"] == pytest.approx(value) and rates[name]["target"] == target
        assert rates[name]["below_target"]
    late = [(x["case"], x["clock"], x["due"][:16].replace("T", " "), (x["met_at"] or "")[:16].replace("T", " "),
             x["late_minutes"]) for x in data["late"]]
    assert late == [(month[c], k, due, met, _minutes(by)) for c, k, due, met, by in LATE]


def test_the_same_figures_in_csv_markdown_html_and_on_screen(cli, month, tmp_path):
    code, out, err = cli("report", "month", "--month", "2026-11", "--format", "csv")
    assert code == 0, err
    figures = {(r["section"], r["item"], r["figure"]): r["value"] for r in csv.DictReader(io.StringIO(out))}
    assert figures[("Cases received", "cases", "count")] == "11"
    for dimension in COUNTS:
        scope = " (complaints)" if dimension in ("severity", "validity") else ""
        assert {k[1]: int(v) for k, v in figures.items() if k[0] == f"By {dimension}{scope}"} == shown_counts(dimension)
    for name, (met, late, overdue, rate) in CLOCKS.items():
        row = {k[2]: v for k, v in figures.items() if k[:2] == ("Clocks due in the period", name)}
        assert row == {"on time": str(met), "late": str(late), "still overdue": str(overdue), "not yet due": "0",
                       "on-time rate": f"{rate:.1%}"}
    for key, value in CALLBACKS.items():
        label = {"on_time": "made on time", "partly": "partly satisfied"}.get(key, key)
        assert figures[("Callbacks due in the period", label, "count")] == str(value)
    assert figures[("Rates against targets", "satisfaction", "value")] == "66.7%"
    assert figures[("Rates against targets", "satisfaction", "target")] == "95.0%"
    assert figures[("Rates against targets", "callback rate", "mark")] == "BELOW TARGET"
    late = [(r["item"], r["value"]) for r in csv.DictReader(io.StringIO(out)) if r["section"] == "Late cases"
            and r["figure"] == "late by"]
    assert late == [(str(month[c]), by) for c, _, _, _, by in LATE]
    for fmt in ("md", "html"):
        target = tmp_path / f"november.{fmt}"
        code, _, err = cli("report", "month", "--month", "2026-11", "--format", fmt, "--output", str(target))
        assert code == 0 and f"written to {target}" in err
        text = target.read_text()
        cell = "| {} |" if fmt == "md" else "<td>{}</td>"
        for shown in ("60.0%", "50.0%", "66.7%", "71.4%", "95.0%", "BELOW TARGET", "118 working h", "water leak"):
            assert shown in text, (fmt, shown)
        for c, clock, due, _, by in LATE:
            assert cell.format(month[c]) in text and cell.format(by) in text and cell.format(due) in text
    assert text.startswith("<!DOCTYPE html>") and "<h1>Desk report, month 2026-11</h1>" in text
    code, out, _ = cli("report", "month", "--month", "2026-11")
    assert code == 0 and "Desk report, month 2026-11" in out and "71.4%" in out and "118 working h" in out


def test_a_day_and_a_week(cli, month):
    code, out, _ = cli("report", "day", "--date", "2026-11-04", "--format", "json")
    data = json.loads(out)
    # Wednesday 4 November: B came in; A's and I's resolve, B's forward and escalate, I's callback fell due.
    assert data["cases"] == 1 and data["counts"]["kind"] == {"complaint": 1}
    assert data["clocks"]["forward"]["late"] == 1 and data["clocks"]["escalate"]["on_time"] == 1
    assert data["clocks"]["resolve"]["on_time"] == 2 and data["callbacks"]["on_time"] == 1
    code, out, _ = cli("report", "week", "--date", "2026-11-18", "--format", "json")
    data = json.loads(out)
    assert data["period"]["label"] == "week of 2026-11-16"
    assert data["counts"]["kind"] == {"repair": 1, "inquiry": 1, "assistance": 1}
    assert [x["clock"] for x in data["late"]] == ["resolve", "arrive", "answer", "callback"]


def test_each_week_of_the_month_from_the_same_pass(desk):
    november(desk)
    figures = statistics.statistics(desk, statistics.month(2026, 11, SHANGHAI))
    # Sunday 1 November is a week of its own, cut at the month's edge, as is Monday 30.
    assert [f"{start:%m-%d}" for start, _ in figures.by_week] == ["11-01", "11-02", "11-09", "11-16", "11-23", "11-30"]
    weeks = {f"{start:%m-%d}": f for start, f in figures.by_week}
    # 16-22 Nov: E's arrival and N's answer late; C's resolve and E's callback still not met.
    assert weeks["11-16"] == statistics.ClockFigures(met=0, missed=2, overdue=2)
    assert weeks["11-30"] == statistics.ClockFigures(overdue=2)  # K's forward and escalate
    for name in ("met", "missed", "overdue"):
        assert sum(getattr(f, name) for f in weeks.values()) == sum(getattr(f, name) for f in figures.clocks.values())
    week = statistics.statistics(desk, statistics.week(date(2026, 11, 18), SHANGHAI))
    assert week.by_week == [(week.period.start, weeks["11-16"])]
    assert statistics.on_time_by_week(desk, figures.period.start, figures.period.end) == figures.by_week


def test_a_week_reads_the_older_cases_whose_clocks_fall_due_in_it(desk):
    """A case from September still open, with a wait on the customer, and one closed in the week
    after its callback: both are judged in the week of 23 November, neither is counted in it. The
    week's own case waited too: its resolve clock was met only thanks to the wait."""
    desk.clock.set(at("2026-12-01 09:00"))
    f = workflow
    # A minor complaint: the time the customer asked for replaces its limit (a general one could only come sooner).
    old = report_case(desk, Kind.complaint, "2026-09-01 10:00", severity=Severity.minor, requested="2026-11-25 12:00")
    f.forward(desk, old, "Engineering", at=at("2026-09-01 10:10"))
    f.pause(desk, old, "the tenant is abroad", at=at("2026-11-20 09:00"))
    f.resume(desk, old, at=at("2026-11-23 09:00"))  # 11 working hours waited: due Thu 26 Nov 12:00, not Wed
    called = report_case(desk, Kind.complaint, "2026-09-02 10:00", severity=Severity.minor)
    f.forward(desk, called, "Housekeeping", at=at("2026-09-02 10:10"))
    f.resolve(desk, called, "cleaned again", at=at("2026-11-23 10:00"))
    called_back(desk, called, "2026-11-24 11:00", Satisfaction.satisfied)  # due Tue 10:00
    waits = report_case(desk, Kind.complaint, "2026-11-24 09:00", severity=Severity.general)
    f.forward(desk, waits, "Engineering", at=at("2026-11-24 09:10"))
    f.pause(desk, waits, "the tenant asked us to come back", at=at("2026-11-24 10:00"))
    f.resume(desk, waits, at=at("2026-11-25 10:00"))  # 11 working hours waited: due Fri 11:00, not Thu
    f.resolve(desk, waits, "fixed", at=at("2026-11-26 15:00"))  # its callback, due Fri 15:00, never made
    figures = statistics.statistics(desk, statistics.week(date(2026, 11, 24), SHANGHAI))
    assert figures.cases == 1 and figures.counts["kind"] == {"complaint": 1}
    resolve, callback = figures.clocks[ClockName.resolve], figures.clocks[ClockName.callback]
    assert (resolve.met, resolve.missed, resolve.overdue) == (1, 0, 1)
    assert (callback.met, callback.missed, callback.overdue) == (0, 1, 1)
    assert [(x.case_id, x.clock, x.due) for x in figures.late] == [
        (called, ClockName.callback, at("2026-11-24 10:00")), (old, ClockName.resolve, at("2026-11-26 12:00")),
        (waits, ClockName.callback, at("2026-11-27 15:00"))]


def test_export_csv_and_xlsx_hold_the_same_rows(cli, month, tmp_path):
    code, _, err = cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv",
                       "--output", str(tmp_path / "cases.csv"))
    assert code == 0 and "12 cases written" in err, err
    rows = list(csv.reader(io.StringIO((tmp_path / "cases.csv").read_text(encoding="utf-8-sig"))))
    header = rows[0]
    assert header[:3] == ["id", "channel", "kind"] and "received_by" in header and "department" in header
    first = dict(zip(header, rows[1]))
    assert first["id"] == str(month["A"]) and first["received_at"] == "2026-11-02 09:00:00"
    assert first["department"] == "Engineering" and first["validity"] == "valid"
    assert [r[0] for r in rows[1:]] == [str(month[k]) for k in "ABDMCENFLGHK"]
    code, _, err = cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", str(tmp_path / "c.xlsx"))
    assert code == 0, err
    sheet = load_workbook(tmp_path / "c.xlsx", read_only=True).active
    assert [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)] == rows


def test_exports_mask_phone_numbers_unless_a_supervisor_asks(cli, month, tmp_path):
    target = str(tmp_path / "cases.csv")
    cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", target)
    phones = {row["phone"] for row in csv.DictReader(io.StringIO((tmp_path / "cases.csv").read_text(encoding="utf-8-sig")))}
    assert phones == {"138****8000"}
    code, _, err = cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", target, "--full-phones")
    assert code == 2 and "only a supervisor can export phone numbers in full (Chen Jing); Wang Fang is receptionist" in err
    code, _, err = cli("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", target, "--full-phones",
                       "--by", "Chen Jing")
    assert code == 0, err
    phones = {row["phone"] for row in csv.DictReader(io.StringIO((tmp_path / "cases.csv").read_text(encoding="utf-8-sig")))}
    assert phones == {"13800138000"}


@pytest.mark.parametrize("args, message", [
    (("report", "month", "--month", "2026-13"), "--month '2026-13' is not a month"),
    (("report", "month", "--format", "pdf"), "--format 'pdf' is not one of"),
    (("report", "quarter"), "'quarter' is not a period"),
    (("report", "day", "--date", "23/11/2026"), "--date '23/11/2026' is not a date"),
    (("export", "--from", "2026-11-30", "--to", "2026-11-01", "--output", "x.csv"), "--from 2026-11-30 is after --to"),
    (("export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", "x.pdf"), "say which --format"),
])
def test_bad_input_is_one_plain_line_and_exit_2(cli, args, message):
    code, out, err = cli(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and out == ""


def test_an_unwritable_output_is_refused_plainly(cli, tmp_path):
    missing = tmp_path / "no such folder" / "r.md"
    for args in (("report", "month", "--month", "2026-11", "--format", "md"),
                 ("export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "xlsx")):
        code, _, err = cli(*args, "--output", str(missing))
        assert code == 2 and err.startswith(f"error: cannot write {missing}") and len(err.splitlines()) == 1


def test_targets_come_from_the_policy_file(policy):
    from deskapp.domain.policy import PolicyError, policy_from_dict

    assert (policy.targets.on_time, policy.targets.callback_rate, policy.targets.satisfaction) == (1.0, 1.0, 0.95)
    raw = {"clock": [{"name": "forward", "kinds": ["complaint"], "minutes": 10}]}
    assert policy_from_dict(raw | {"targets": {"satisfaction": 0.9}}).targets.satisfaction == 0.9
    with pytest.raises(PolicyError, match=r"\[targets\] satisfaction must be a share between 0 and 1"):
        policy_from_dict(raw | {"targets": {"satisfaction": 95}})


def test_user_text_in_the_report_is_never_markup(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", NOW)
    desk.clock.set(at("2026-12-01 09:00"))
    report_case(desk, Kind.repair, "2026-11-10 09:00", category="[/b] pipes [red]")
    code, out, err = cli("report", "month", "--month", "2026-11")
    assert code == 0, err
    assert "[/b] pipes [red]" in out
