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
from deskapp.desk.callbacks import record_callback
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import (
    AttemptResult,
    Channel,
    ClockName,
    Kind,
    NoteKind,
    Satisfaction,
    Severity,
    Validity,
)
from deskapp.domain.intake import Intake
from deskapp.reads import statistics
from tests.conftest import SHANGHAI, at

ALL_BACKENDS = True
NOW = "2026-12-01T09:00+08:00"


def _case(desk, kind, received, channel=Channel.phone, severity=None, category="", promised=None, requested=None):
    intake = Intake(kind=kind, severity=severity, channel=channel, category=category, who="Ms Li",
                    which="Tower B 12F 1203", what="a problem", phone="13800138000", received_at=at(received),
                    promised_by=at(promised) if promised else None, requested_by=at(requested) if requested else None)
    return record_intake(desk, intake).case.id


def _called(desk, case_id, when, satisfaction, **more):
    record_callback(desk, case_id, AttemptResult.reached, satisfaction, at=at(when), **more)


def november(desk) -> dict[str, int]:
    desk.clock.set(at("2026-12-01 09:00"))
    f, ids = workflow, {}
    # A: a general complaint, every clock met, the customer satisfied.
    ids["A"] = a = _case(desk, Kind.complaint, "2026-11-02 09:00", severity=Severity.general, category="water leak")
    f.forward(desk, a, "Engineering", at=at("2026-11-02 09:10"))  # due 09:20
    f.set_validity(desk, a, Validity.valid, "pipe not maintained", at=at("2026-11-02 12:00"))
    f.resolve(desk, a, "pipe replaced", at=at("2026-11-02 15:00"))  # due Wed 11:00
    _called(desk, a, "2026-11-03 10:00", Satisfaction.satisfied)  # due Tue 15:00
    f.add_note(desk, a, "pipes added to the monthly rounds", NoteKind.corrective, at=at("2026-11-04 09:00"))  # due Thu 12:00
    # B: a major complaint forwarded 20 min late, resolved 2 h late, visited 3 h late, partly satisfied;
    # valid, and its cause never analysed (due Sun 8 Nov 09:00).
    ids["B"] = b = _case(desk, Kind.complaint, "2026-11-04 10:00", Channel.visit, Severity.major, "noise")
    f.forward(desk, b, "Security", at=at("2026-11-04 10:30"))  # due 10:10
    f.escalate(desk, b, at=at("2026-11-04 10:40"))  # due 11:00
    f.set_validity(desk, b, Validity.valid, "night works without a permit", at=at("2026-11-05 09:00"))
    f.resolve(desk, b, "works stopped at night", at=at("2026-11-06 12:00"))  # due Fri 10:00
    _called(desk, b, "2026-11-07 15:00", Satisfaction.partly, signed=True)  # due Sat 12:00
    # C: a minor complaint, invalid, explained 4 h late, never resolved: overdue since Mon 16 Nov 12:00.
    ids["C"] = c = _case(desk, Kind.complaint, "2026-11-12 10:00", Channel.email, Severity.minor, "cleaning")
    f.forward(desk, c, "Housekeeping", at=at("2026-11-12 10:10"))  # due 10:30
    f.set_validity(desk, c, Validity.invalid, "cleaning rota as agreed", at=at("2026-11-12 11:00"))
    f.add_note(desk, c, "the rota read out to the tenant", NoteKind.explanation, at=at("2026-11-13 15:00"))  # due 11:00
    # D: a repair on time throughout.
    ids["D"] = d = _case(desk, Kind.repair, "2026-11-09 09:00", category="air-conditioning")
    f.forward(desk, d, "Engineering", at=at("2026-11-09 09:05"))  # arrival due 09:20
    f.record_arrival(desk, d, at=at("2026-11-09 09:15"))
    f.resolve(desk, d, "filter cleaned", at=at("2026-11-09 11:00"))  # callback due Wed 13:00
    _called(desk, d, "2026-11-10 10:00", Satisfaction.satisfied)
    # E: a repair whose trade arrived 30 min late and whose callback was never made (due Thu 19 18:00).
    ids["E"] = e = _case(desk, Kind.repair, "2026-11-17 14:00", category="lift")
    f.forward(desk, e, "Engineering", at=at("2026-11-17 14:05"))
    f.record_arrival(desk, e, at=at("2026-11-17 14:50"))
    f.resolve(desk, e, "lift reset", at=at("2026-11-17 16:00"))
    # M: an inquiry answered before the time promised; N: an assistance request answered 16 h after it.
    ids["M"] = m = _case(desk, Kind.inquiry, "2026-11-10 09:00", category="parking", promised="2026-11-11 12:00")
    f.resolve(desk, m, "two bays free on B2", at=at("2026-11-11 10:00"))
    ids["N"] = n = _case(desk, Kind.assistance, "2026-11-18 09:00", category="moving", promised="2026-11-19 17:00")
    f.resolve(desk, n, "the goods lift booked", at=at("2026-11-20 09:00"))
    # F, G: an inquiry and a suggestion, no clocks.
    ids["F"] = _case(desk, Kind.inquiry, "2026-11-20 10:00")
    ids["G"] = _case(desk, Kind.suggestion, "2026-11-25 10:00", Channel.letter)
    # H: recorded by mistake and voided: not counted.
    ids["H"] = h = _case(desk, Kind.complaint, "2026-11-26 10:00", severity=Severity.general)
    f.void(desk, h, "duplicate of an earlier call", by="Chen Jing", at=at("2026-11-26 10:05"))
    # I: October's complaint whose resolve (Wed 4 Nov 09:00) and callback fall due in November.
    ids["I"] = i = _case(desk, Kind.complaint, "2026-10-30 18:00", severity=Severity.general, category="water leak")
    f.forward(desk, i, "Engineering", at=at("2026-10-30 18:10"))
    f.resolve(desk, i, "valve closed", at=at("2026-11-03 10:00"))
    _called(desk, i, "2026-11-04 09:00", Satisfaction.satisfied)  # due Wed 10:00
    # K: a major complaint at 22:00 on the last night, neither forwarded nor escalated by morning.
    ids["K"] = _case(desk, Kind.complaint, "2026-11-30 22:00", severity=Severity.major, category="injury")
    # L: not satisfied at the first callback, reopened, resolved again and satisfied.
    ids["L"] = l_ = _case(desk, Kind.complaint, "2026-11-23 10:00", Channel.staff, Severity.general, "attitude")
    f.forward(desk, l_, "Customer Service", at=at("2026-11-23 10:05"))
    f.resolve(desk, l_, "apology", at=at("2026-11-23 15:00"))
    _called(desk, l_, "2026-11-24 11:00", Satisfaction.unsatisfied, note="retrain the guard")
    f.resolve(desk, l_, "guard retrained", at=at("2026-11-25 10:00"))
    _called(desk, l_, "2026-11-25 16:00", Satisfaction.satisfied)
    # J: December's: neither counted nor judged in November.
    ids["J"] = _case(desk, Kind.complaint, "2026-12-01 08:00", severity=Severity.general)
    return ids


COUNTS = {
    "kind": {"complaint": 5, "repair": 2, "inquiry": 2, "assistance": 1, "suggestion": 1},
    "severity": {"general": 2, "major": 2, "minor": 1},
    "category": {"uncategorised": 2, "water leak": 1, "noise": 1, "cleaning": 1, "air-conditioning": 1,
                 "lift": 1, "injury": 1, "attitude": 1, "parking": 1, "moving": 1},
    "department": {"Engineering": 3, "no department": 5, "Security": 1, "Housekeeping": 1, "Customer Service": 1},
    "validity": {"undecided": 2, "valid": 2, "invalid": 1},
    "channel": {"phone": 7, "visit": 1, "email": 1, "letter": 1, "staff": 1},
}
# The reports show a category by its label (deskapp.words.labels), which differs from the stored value
# (the JSON's key) for these two.
SHOWN = {"kind": {"suggestion": "suggestion/praise"}, "channel": {"staff": "staff report"}}


def shown_counts(dimension: str) -> dict[str, int]:
    """COUNTS[dimension] keyed as the report's and the screen's tables show it in English."""
    return {SHOWN.get(dimension, {}).get(k, k): n for k, n in COUNTS[dimension].items()}


# clock: (on time, late, still overdue, rate)
CLOCKS = {"forward": (3, 1, 1, 0.6), "escalate": (1, 0, 1, 0.5), "resolve": (3, 1, 1, 0.6),
          "callback": (4, 1, 1, 4 / 6), "arrive": (1, 1, 0, 0.5),
          "explain": (0, 1, 0, 0.0), "analyse": (1, 0, 1, 0.5), "answer": (1, 1, 0, 0.5)}
CALLBACKS = {"due": 7, "made": 6, "on_time": 5, "satisfied": 4, "partly": 1, "unsatisfied": 1}
RATES = {"callback rate": (5 / 7, 1.0), "satisfaction": (4 / 6, 0.95)}
# case, clock, due, met ("" when still not met), late by
LATE = [("B", "forward", "2026-11-04 10:10", "2026-11-04 10:30", "20m"),
        ("B", "resolve", "2026-11-06 10:00", "2026-11-06 12:00", "2h 0m"),
        ("B", "callback", "2026-11-07 12:00", "2026-11-07 15:00", "3h 0m"),
        ("B", "analyse", "2026-11-08 09:00", "", "23d 0m"),
        ("C", "explain", "2026-11-13 11:00", "2026-11-13 15:00", "4h 0m"),
        ("C", "resolve", "2026-11-16 12:00", "", "14d 21h 0m"),
        ("E", "arrive", "2026-11-17 14:20", "2026-11-17 14:50", "30m"),
        ("N", "answer", "2026-11-19 17:00", "2026-11-20 09:00", "16h 0m"),
        ("E", "callback", "2026-11-19 18:00", "", "11d 15h 0m"),
        ("K", "forward", "2026-11-30 22:10", "", "10h 50m"),
        ("K", "escalate", "2026-11-30 23:00", "", "10h 0m")]


def _minutes(words: str) -> int:
    units = {"d": 1440, "h": 60, "m": 1}
    return sum(int(w[:-1]) * units[w[-1]] for w in words.split())


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
    assert data["counts"] == COUNTS
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
        for shown in ("60.0%", "50.0%", "66.7%", "71.4%", "95.0%", "BELOW TARGET", "14d 21h 0m", "water leak"):
            assert shown in text, (fmt, shown)
        for c, clock, due, _, by in LATE:
            assert cell.format(month[c]) in text and cell.format(by) in text and cell.format(due) in text
    assert text.startswith("<!DOCTYPE html>") and "<h1>Desk report, month 2026-11</h1>" in text
    code, out, _ = cli("report", "month", "--month", "2026-11")
    assert code == 0 and "Desk report, month 2026-11" in out and "71.4%" in out and "14d 21h 0m" in out


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
    old = _case(desk, Kind.complaint, "2026-09-01 10:00", severity=Severity.minor, requested="2026-11-25 12:00")
    f.forward(desk, old, "Engineering", at=at("2026-09-01 10:10"))
    f.pause(desk, old, "the tenant is abroad", at=at("2026-11-20 09:00"))
    f.resume(desk, old, at=at("2026-11-23 09:00"))  # 11 working hours waited: due Thu 26 Nov 12:00, not Wed
    called = _case(desk, Kind.complaint, "2026-09-02 10:00", severity=Severity.minor)
    f.forward(desk, called, "Housekeeping", at=at("2026-09-02 10:10"))
    f.resolve(desk, called, "cleaned again", at=at("2026-11-23 10:00"))
    _called(desk, called, "2026-11-24 11:00", Satisfaction.satisfied)  # due Tue 10:00
    waits = _case(desk, Kind.complaint, "2026-11-24 09:00", severity=Severity.general)
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
    (("report", "year"), "'year' is not a period"),
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
    _case(desk, Kind.repair, "2026-11-10 09:00", category="[/b] pipes [red]")
    code, out, err = cli("report", "month", "--month", "2026-11")
    assert code == 0, err
    assert "[/b] pipes [red]" in out
