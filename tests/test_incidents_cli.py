"""`deskapp incident open|show|resolve`, `deskapp link` and `deskapp incidents` on the morning Tower B's
12th floor leaked: three callers, one incident, one resolution, a callback for each."""

from __future__ import annotations

import json

from tests.helpers import actions_of
from tests.test_incidents import leak, the_morning_leak

ALL_BACKENDS = True


def test_the_desk_opens_the_incident_links_a_fourth_call_and_resolves_it_once(cli, desk):
    ids = the_morning_leak(desk)
    code, out, err = cli("incident", "open", *map(str, ids), "--by", "Wang Fang")
    assert code == 0, err
    assert out == f"incident 1 opened: water leak at Tower B 12F, #{ids[0]}, #{ids[1]}, #{ids[2]} (3 callers)\n"
    fourth = leak(desk, "13600136000", "2026-11-23 08:58", who="Mr Sun")
    code, out, err = cli("link", str(fourth), "--incident", "1")
    assert (code, out) == (0, f"case {fourth} linked to incident 1\n"), err
    code, out, err = cli("incident", "resolve", "1", "--note", "riser valve replaced; ceilings dried", "--by", "Wang Fang")
    assert code == 0, err
    assert out == "incident 1 resolved: 4 cases resolved with it, each caller's callback due as usual\n"
    shown = json.loads(cli("incident", "show", "1", "--json")[1])
    assert (shown["callers"], shown["resolved"], shown["resolved_by"]) == (4, True, "Wang Fang")
    assert {c["status"] for c in shown["cases"]} == {"resolved"}
    assert [c["number"] for c in json.loads(cli("incidents", "--json")[1])["incidents"]] == [1]
    text = cli("incident", "show", "1")[1]
    assert "Incident 1: water leak at Tower B 12F" in text and "resolved" in text and "riser valve replaced" in text
    assert "incident 1  resolved  water leak at Tower B 12F  4 callers" in cli("incidents")[1]
    code, out, err = cli("check")  # every step is in the cases' histories, and they replay
    assert code == 0, out + err


def test_a_case_linked_by_mistake_leaves_its_incident(cli, desk):
    ids = the_morning_leak(desk)
    assert cli("incident", "open", *map(str, ids))[0] == 0
    code, out, err = cli("link", str(ids[2]), "--unlink", "--note", "she meant the 14th floor")
    assert (code, out) == (0, f"case {ids[2]} is no longer linked to an incident\n"), err
    assert actions_of(desk, ids[2])[-1] == "incident_unlink"
    assert json.loads(cli("incident", "show", "1", "--json")[1])["callers"] == 2


def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, desk):
    ids = the_morning_leak(desk)
    lift = leak(desk, "13500135000", "2026-11-23 08:55", category="lift fault")
    assert cli("incident", "open", str(ids[0]), str(ids[1]))[0] == 0
    for args, said in (
        (("incident", "open", str(ids[2]), str(lift)), "one problem in one place"),
        (("incident", "open", str(ids[2]), "seventeen"), "is not a case number"),
        (("incident", "open", str(ids[2]), str(ids[2])), "named twice"),
        (("incident", "open", str(ids[1]), str(ids[2])), "already in incident 1"),
        (("incident", "resolve", "1"), "--note is needed"),
        (("incident", "resolve", "9", "--note", "done"), "there is no incident 9"),
        (("incident", "show", "x"), "is not an incident number"),
        (("link", str(ids[2])), "say --incident N"),
        (("link", str(ids[2]), "--incident", "1", "--unlink"), "say --incident N"),
        (("link", str(ids[2]), "--incident", "1", "--note", "x"), "--note is for --unlink"),
        (("link", str(ids[2]), "--incident", "5"), "there is no incident 5"),
        (("link", str(ids[2]), "--unlink"), "is not linked to an incident"),
        (("link", str(ids[2]), "--incident", "1", "--at", "tomorrow noon"), "is in the future"),
    ):
        code, _out, err = cli(*args)
        assert code == 2 and said in err and len(err.strip().splitlines()) == 1, (args, err)
    assert actions_of(desk, ids[2]) == ["intake"] and actions_of(desk, lift) == ["intake"]
    assert json.loads(cli("incident", "show", "1", "--json")[1])["callers"] == 2
    assert cli("incident", "resolve", "1", "--note", "valve replaced")[0] == 0
    code, _out, err = cli("incident", "resolve", "1", "--note", "again")
    assert code == 2 and "already resolved" in err and len(err.strip().splitlines()) == 1
    code, _out, err = cli("link", str(ids[2]), "--incident", "1")
    assert code == 2 and "incident 1 is resolved" in err


def test_no_incidents_yet(cli):
    assert cli("incidents") == (0, "no incidents\n", "")
    assert json.loads(cli("incidents", "--json")[1]) == {"incidents": []}
