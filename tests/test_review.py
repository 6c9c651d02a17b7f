"""The monthly management review: November's major complaints are on its list by their severity, a
general complaint when the supervisor puts it there, and the review's conclusion is kept on each."""

from __future__ import annotations

import json

from deskapp.domain.enums import Kind, Severity
from tests.helpers import actions_of, record

ALL_BACKENDS = True


def novembers_complaints(desk) -> dict[str, int]:
    return {
        "major": record(desk, "2026-11-10 10:00", severity=Severity.major, what="lift 3 trapped a tenant"),
        "general": record(desk, "2026-11-12 11:00", what="lift 3 stops between floors again"),
        "repair": record(desk, "2026-11-12 12:00", kind=Kind.repair, what="tap leaking"),
        "october": record(desk, "2026-10-20 10:00", severity=Severity.major, what="flooded car park"),
    }


def test_the_month_lists_its_major_complaint_and_the_one_the_supervisor_put_there(cli, desk):
    ids = novembers_complaints(desk)
    code, out, err = cli("review", "--month", "2026-11", "--json")
    assert code == 0, err
    assert [c["case"] for c in json.loads(out)["cases"]] == [ids["major"]]
    code, out, err = cli("review", str(ids["general"]), "--flag", "--note", "third lift complaint this month",
                         "--by", "Chen Jing")
    assert code == 0, err
    assert out == f"case {ids['general']} is on the management review list\n"
    listed = json.loads(cli("review", "--month", "2026-11", "--json")[1])["cases"]
    assert [(c["case"], c["why"], c["flagged_because"]) for c in listed] == [
        (ids["major"], "major", None), (ids["general"], "flagged", "third lift complaint this month")]
    assert all(c["conclusion"] is None for c in listed)


def test_the_reviews_conclusion_is_recorded_with_who_gave_it(cli, desk):
    ids = novembers_complaints(desk)
    code, _out, err = cli("review", str(ids["major"]), "--note", "lift maintenance contract to be re-tendered",
                          "--by", "Chen Jing")
    assert code == 0, err
    [line] = json.loads(cli("review", "--month", "2026-11", "--json")[1])["cases"]
    assert (line["conclusion"], line["concluded_by"]) == ("lift maintenance contract to be re-tendered", "Chen Jing")
    assert actions_of(desk, ids["major"])[-1] == "review"
    text = cli("review", "--month", "2026-11")[1]
    assert "concluded by Chen Jing: lift maintenance contract to be re-tendered" in text
    code, out, err = cli("check")  # the review's events chain and replay like any other
    assert code == 0, out + err


def test_refusals_are_one_line_exit_2_and_write_nothing(cli, desk):
    ids = novembers_complaints(desk)
    for args, said in (
        ((str(ids["general"]), "--note", "x"), "is not on the management review list"),
        ((str(ids["repair"]), "--flag", "--note", "x"), "only complaints go to the management review"),
        ((str(ids["major"]), "--flag", "--note", "x"), "already on the management review list"),
        ((str(ids["major"]),), "--note is needed"),
        (("--flag", "--note", "x"), "say which complaint"),
        (("--month", "11/2026"), "is not a month"),
        ((str(ids["major"]), "--month", "2026-11", "--note", "x"), "--month is for the list"),
        (("seventeen", "--note", "x"), "is not a case number"),
    ):
        code, _out, err = cli("review", *args, "--by", "Chen Jing")
        assert code == 2 and said in err and len(err.strip().splitlines()) == 1, (args, err)
    assert actions_of(desk, ids["general"]) == ["intake"] and actions_of(desk, ids["major"]) == ["intake"]


def test_once_the_desk_has_pins_only_a_supervisor_takes_the_review_steps(cli, desk, monkeypatch):
    from deskapp.desk.access import set_pin

    ids = novembers_complaints(desk)
    set_pin(desk, "Chen Jing", "246810")  # the desk's first supervisor PIN needs nobody's
    set_pin(desk, "Wang Fang", "135790", by="Chen Jing", by_pin="246810")
    monkeypatch.setenv("DESKAPP_PIN", "135790")
    code, _out, err = cli("review", str(ids["major"]), "--note", "fine", "--by", "Wang Fang")
    assert code == 2 and "cannot put a complaint to the management review or record its conclusion" in err
    assert "Chen Jing" in err  # who may
    monkeypatch.setenv("DESKAPP_PIN", "246810")
    assert cli("review", str(ids["major"]), "--note", "fine", "--by", "Chen Jing")[0] == 0
    assert actions_of(desk, ids["major"])[-1] == "review"
