"""`deskapp callbacks` in its three formats."""

from __future__ import annotations

import csv
import io
import json

from tests.callback_cases import four_callbacks

ALL_BACKENDS = True  # also on PostgreSQL when .ci/run started one


def test_json_csv_and_markdown_hold_the_same_callbacks(cli, desk, monkeypatch):
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T09:00+08:00")
    ids = four_callbacks(desk)
    code, out, err = cli("callbacks", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert [int(r["case"]) for r in rows] == [ids[k] for k in ("overdue", "today", "tomorrow", "later")]
    assert rows[0]["phone"] == "13800138000" and rows[0]["outcome"] == ""
    assert rows[1]["who calls"] == "department manager: Sun Qiang; project manager: Lin Tao"
    code, out, _ = cli("callbacks", "--format", "csv")
    assert [r["case"] for r in csv.DictReader(io.StringIO(out))] == [r["case"] for r in rows]
    code, out, _ = cli("callbacks", "--format", "md", "--due", "today")
    assert out.startswith("# Callbacks (today)") and f"| {ids['overdue']} |" in out and f"| {ids['later']} |" not in out


def test_filters_and_file_output(cli, desk, monkeypatch, tmp_path):
    monkeypatch.setenv("DESKAPP_NOW", "2026-11-23T09:00+08:00")
    ids = four_callbacks(desk)
    code, out, _ = cli("callbacks", "--format", "json", "--caller", "Zhou Min")
    assert [int(r["case"]) for r in json.loads(out)] == [ids["tomorrow"]]
    code, out, _ = cli("callbacks", "--format", "json", "--method", "on-site")
    assert [int(r["case"]) for r in json.loads(out)] == [ids["today"]]
    target = tmp_path / "visits.csv"
    code, _, err = cli("callbacks", "--format", "csv", "--output", str(target))
    assert code == 0 and "4 callbacks written" in err and target.read_text().startswith("case,due,")


def test_bad_choices_are_refused(cli):
    for args, message in ((("--due", "soon"), "--due 'soon'"), (("--format", "pdf"), "--format 'pdf'"),
                          (("--method", "fax"), "'fax' is not a callback method")):
        code, _, err = cli("callbacks", *args)
        assert code == 2 and message in err
