"""A repair's work order says whether the work is paid or free and the price quoted (the building manual,
SOP 1.5): recorded with `add --paid --price` or `amend`, shown with the case and printed on the work
order; the coordination work order prints the actions recorded at the desk."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from sqlmodel import Session, func, select

from deskapp.models import Case, HistoryEvent
from deskapp.store import db

ALL_BACKENDS = True
PANTRY = ("add", "--kind", "repair", "--who", "Mr Wu", "--which", "Tower A 3F 301", "--what", "no power in the pantry",
          "--received", "2026-11-24T09:00+08:00")


def counts(db_url: str) -> tuple[int, int]:
    engine = db.make_engine(db_url)
    with Session(engine) as s:
        found = (s.exec(select(func.count()).select_from(Case)).one(),
                 s.exec(select(func.count()).select_from(HistoryEvent)).one())
    engine.dispose()
    return found


def text_of(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_a_paid_repair_keeps_its_quoted_price_and_says_so_in_its_history(cli):
    code, out, err = cli(*PANTRY, "--paid", "--price", "120", "--json")
    assert code == 0, err
    case = json.loads(out)
    assert (case["paid"], case["price"]) == (True, "120.00")
    history = json.loads(cli("show", "1", "--json")[1])["history"]
    assert history[0]["changes"]["paid"] == [None, True] and history[0]["changes"]["price_cents"] == [None, 12000]
    code, out, _ = cli("show", "1")
    assert "paid work, 120.00 quoted" in out


def test_a_price_alone_means_paid_work_and_free_work_clears_the_price_on_correction(cli):
    code, out, _ = cli(*PANTRY, "--price", "¥85.5", "--json")
    assert (json.loads(out)["paid"], json.loads(out)["price"]) == (True, "85.50")
    code, out, err = cli("amend", "1", "--free", "--reason", "under the tenancy's maintenance", "--json")
    assert code == 0, err
    assert (json.loads(out)["paid"], json.loads(out)["price"]) == (False, None)
    said = json.loads(cli("show", "1", "--json")[1])["history"][-1]["said"]
    assert "paid work: yes → no" in said and "quoted price: 85.50 → –" in said
    assert cli("check")[0] == 0


def test_a_repair_recorded_without_saying_stays_unsaid(cli):
    case = json.loads(cli(*PANTRY, "--json")[1])
    assert (case["paid"], case["price"]) == (None, None)


@pytest.mark.parametrize(("args", "message"), [
    ((*PANTRY, "--price", "a lot"), "--price: 'a lot' is not a price"),
    ((*PANTRY, "--price", "12.345"), "is not a price"),
    ((*PANTRY, "--price", "-5"), "is not a price"),
    ((*PANTRY, "--price", "5000000"), "more than a repair is quoted"),
    ((*PANTRY, "--free", "--price", "50"), "free work has no quoted price"),
    (("add", "--kind", "inquiry", "--what", "lift hours", "--paid"), "only a repair's work order is paid or free"),
])
def test_bad_paid_work_on_add_is_one_line_exit_2_and_nothing_written(cli, db_url, args, message):
    code, _, err = cli(*args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert counts(db_url) == (0, 0)


def test_a_bad_price_on_correction_is_refused_and_nothing_written(cli, db_url):
    cli(*PANTRY)
    before = counts(db_url)
    code, _, err = cli("amend", "1", "--price", "twelve", "--reason", "quoted on site")
    assert code == 2 and "is not a price" in err and len(err.strip().splitlines()) == 1
    assert counts(db_url) == before


pdf = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")


@pdf
def test_the_printed_work_order_says_paid_work_and_the_price(cli, tmp_path):
    cli(*PANTRY, "--paid", "--price", "120")
    path = tmp_path / "order.pdf"
    code, _, err = cli("print", "1", "--form", "work-order", "-o", str(path))
    assert code == 0, err
    text = text_of(path)
    assert "Paid or free paid work" in text and "Quoted price 120.00" in text
    code, _, err = cli("--lang", "zh_CN", "print", "1", "--form", "work-order", "-o", str(path))
    assert code == 0, err
    assert "有偿服务" in text_of(path) and "120.00" in text_of(path)


@pdf
def test_the_printed_coordination_work_order_lists_the_actions_recorded(cli, tmp_path):
    cli("add", "--kind", "complaint", "--severity", "major", "--who", "Ms Li", "--which", "Tower B 12F",
        "--what", "water pouring through the ceiling", "--received", "2026-11-24T09:00+08:00")
    cli("action-add", "1", "--owner", "Xu Ming", "--what", "replace the riser valve", "--due", "2026-11-25 17:00")
    cli("note", "1", "valves replaced", "--kind", "corrective", "--followup", "2026-12-01")
    cli("followup", "1", "--result", "dry since")
    path = tmp_path / "coordination.pdf"
    code, _, err = cli("print", "1", "--form", "coordination", "-o", str(path))
    assert code == 0, err
    text = text_of(path)
    assert "replace the riser valve" in text and "Xu Ming" in text and "2026-11-25 Wed 17:00" in text
    assert "dry since" in text
