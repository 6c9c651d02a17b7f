"""One desk, one instant, one answer: the queue, the case detail, home, the night view, the handover,
the statistics and the command line say the same state and the same lateness for the same case.

Tuesday 24 Nov 2026 in Shanghai. The desk closes at 19:00; at 19:30 and at 23:00 the night duty looks:
- Ms Late's general complaint was taken Friday 17:00 and forwarded at once: 24 working hours to
  resolve, due Tue 19:00. Overdue from 19:00 at any hour, by under a working minute (no working time
  has passed since), at 19:30 and at 23:00 alike.
- Mr Major's major complaint came in at 19:10 and was forwarded at 19:15: escalation is due within
  60 wall minutes, at 20:10: 40 min left at 19:30, 2 h 50 min late at 23:00.
- Ms Pipe's repair: work order Tue 14:05, the trade due on site at 14:20, not there: 4 h 40 working min
  late until the desk opens again.
- Mr Ask's inquiry was promised an answer by Wed 12:00.
- Ms Away's complaint asked for Tue 12:00 and was put on hold waiting for her at 15:00: past its due,
  its clock stands still: waiting, and OVERDUE where the time would be.
"""

from __future__ import annotations

import json

import pytest
from rich.console import Console
from textual.widgets import DataTable, Static

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.screens.case_detail import CaseDetailScreen
from deskapp.screens.handover import HandoverScreen
from deskapp.screens.home import HomeScreen
from deskapp.screens.night import NightScreen
from deskapp.widgets.case_table import CaseTable
from tests.conftest import at, settled
from tests.helpers import open_statistics, rows

OPERATOR = "Zhao Lei"


def a_tuesday_at_the_desk(desk) -> dict[str, int]:
    desk.clock.set(at("2026-11-24 19:20"))  # everything below has happened by then
    def taken(received: str, kind=Kind.complaint, severity=Severity.general, **words) -> int:
        return record_intake(desk, Intake(kind=kind, severity=severity if kind is Kind.complaint else None,
                                          received_at=at(received), **words), by="Wang Fang").case.id

    ids = {
        "late": taken("2026-11-20 17:00", who="Ms Late", which="Tower B 12F 1203", what="ceiling leak"),
        "major": taken("2026-11-24 19:10", severity=Severity.major, who="Mr Major", which="Tower A B1",
                       what="smoke in the car park"),
        "repair": taken("2026-11-24 14:00", Kind.repair, who="Ms Pipe", which="Tower C 3F", what="burst pipe"),
        "promise": taken("2026-11-24 10:00", Kind.inquiry, who="Mr Ask", which="Podium 1F", what="parking fees",
                         promised_by=at("2026-11-25 12:00")),
        "paused": taken("2026-11-23 09:00", who="Ms Away", which="Tower C 20F", what="noise upstairs",
                        requested_by=at("2026-11-24 12:00")),
    }
    workflow.forward(desk, ids["late"], "Engineering", at=at("2026-11-20 17:05"))
    workflow.forward(desk, ids["major"], "Security", at=at("2026-11-24 19:15"))
    workflow.forward(desk, ids["repair"], "Engineering", at=at("2026-11-24 14:05"))
    workflow.forward(desk, ids["paused"], "Security", at=at("2026-11-23 09:05"))
    workflow.pause(desk, ids["paused"], "tenant away until Thursday", at=at("2026-11-24 15:00"))
    return ids


# What the queue shows for each case (its next clock's badge, and the time left or late), at each instant.
EXPECTED = {
    "19:30": {
        "late": ("✖ resolve OVERDUE", "<1m work"),
        "major": ("● escalate on time", "40m"),
        "repair": ("✖ arrive OVERDUE", "4h 40m work"),
        "promise": ("● answer on time", "16h 30m"),  # a promise counts every minute, to Wed 12:00
        "paused": ("‖ resolve waiting", "OVERDUE"),
    },
    "23:00": {
        "late": ("✖ resolve OVERDUE", "<1m work"),
        "major": ("✖ escalate OVERDUE", "2h 50m"),
        "repair": ("✖ arrive OVERDUE", "4h 40m work"),
        "promise": ("● answer on time", "13h"),
        "paused": ("‖ resolve waiting", "OVERDUE"),
    },
}
# The same, in the long words of the command line, the handover and the printed report.
LONG = {"late": "under 1 working min late", "repair": "4 working h 40 min late",
        "major": {"19:30": "40 min left", "23:00": "2 h 50 min late"}}


def _plain(renderable) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def queue_says(pilot) -> dict[int, tuple[str, str]]:
    return {int(r[0]): (r[1], r[2]) for r in rows(pilot.app.screen)}


def home_says(app) -> dict[int, tuple[str, str]]:
    table = app.screen.query_one("#next-due", DataTable)
    return {int(str(r[0])): (str(r[1]), str(r[2])) for r in (table.get_row_at(i) for i in range(table.row_count))}


def night_says(app) -> dict[int, tuple[str, str]]:
    table = app.screen.query_one("#night-cases", DataTable)
    found = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
    return {int(r[0]): (r[4], r[5]) for r in found if r[0]}


async def detail_says(pilot, case_id: int, clock: str) -> str:
    """The line of the case detail's clock table for `clock`."""
    pilot.app.open_case(case_id)
    await settled(pilot)
    assert isinstance(pilot.app.screen, CaseDetailScreen)
    text = _plain(pilot.app.screen.query_one("#detail-clocks", Static).content)
    await pilot.press("escape")
    await settled(pilot)
    [line] = [line for line in text.splitlines() if line.strip().startswith(clock)]
    return line


@pytest.mark.parametrize("hour", ["19:30", "23:00"])
async def test_every_screen_says_the_same_state_and_lateness_at_night(desk, hour):
    ids = a_tuesday_at_the_desk(desk)
    desk.clock.set(at(f"2026-11-24 {hour}"))
    expected = {ids[name]: shown for name, shown in EXPECTED[hour].items()}
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(160, 50)) as pilot:
        await settled(pilot)
        await pilot.press("f3")
        await settled(pilot)
        assert queue_says(pilot) == expected

        # The case detail: the same badge's state and the same time, in its clocks table.
        line = await detail_says(pilot, ids["late"], "resolve")
        assert "✖ OVERDUE" in line and "Tue 24 Nov 19:00" in line and "<1m work" in line
        line = await detail_says(pilot, ids["paused"], "resolve")
        assert "‖ waiting" in line and "OVERDUE" in line.split("waiting", 1)[1]
        line = await detail_says(pilot, ids["major"], "escalate")
        assert expected[ids["major"]][0].replace(" escalate", "") in line and f" {expected[ids['major']][1]} " in line

        # Home: the cases next due, in the queue's words.
        app.push_screen(HomeScreen(desk))
        await settled(pilot)
        assert home_says(app) == expected
        app.pop_screen()

        # The night view: tonight's cases only (the major complaint), as the queue says it.
        app.push_screen(NightScreen(desk, OPERATOR))
        await settled(pilot)
        assert night_says(app) == {ids["major"]: expected[ids["major"]]}
        app.pop_screen()

        # The handover: the overdue ones named overdue, with how late in the long words.
        app.push_screen(HandoverScreen(desk, OPERATOR))
        await settled(pilot)
        summary = str(app.screen.query_one("#summary-text", Static).render())
        overdue = summary.split("Overdue now", 1)[1].split("Major complaints", 1)[0]
        assert f"#{ids['late']} " in overdue and "resolve OVERDUE Tue 19:00, under 1 working min late" in overdue
        assert f"#{ids['repair']} " in overdue and f"#{ids['paused']} " not in overdue
        assert (f"#{ids['major']} " in overdue) is (hour == "23:00")
        app.pop_screen()

        # The statistics of the day: the late list in the queue's words, the paused case not in it.
        screen = await open_statistics(pilot, desk, kind="day")
        table = screen.query_one("#statistics-late", CaseTable)
        late = {(int(r[0].plain), r[4].plain): r[7].plain for r in (table.get_row_at(i) for i in range(table.row_count))}
        assert late[ids["late"], "resolve"] == expected[ids["late"]][1]
        assert late[ids["repair"], "arrive"] == expected[ids["repair"]][1]
        assert ((ids["major"], "escalate") in late) is (hour == "23:00")
        assert not any(case == ids["paused"] for case, _clock in late)
        # Its clocks due today: Ms Late's resolve still overdue, Ms Away's waiting not yet judged.
        [resolve] = [row for row in screen.shown["Clocks due in the period"] if row[0] == "resolve"]
        assert resolve[3:5] == ("1", "1")  # still overdue, not yet due
        [arrive] = [row for row in screen.shown["Clocks due in the period"] if row[0] == "arrive"]
        assert arrive[3] == "1"


@pytest.mark.parametrize("hour", ["19:30", "23:00"])
def test_the_command_line_says_it_as_the_screens_do(desk, cli, monkeypatch, hour):
    ids = a_tuesday_at_the_desk(desk)
    monkeypatch.setenv("DESKAPP_NOW", f"2026-11-24T{hour}+08:00")

    code, out, _err = cli("list", "--overdue", "--json")
    assert code == 0
    listed = {c["id"]: c for c in json.loads(out)}
    late_now = {"late", "repair"} | ({"major"} if hour == "23:00" else set())
    assert set(listed) == {ids[name] for name in late_now}  # the paused case waits; it is not listed overdue
    assert listed[ids["late"]]["state"]["resolve"] == "overdue"
    assert listed[ids["repair"]]["state"]["arrive"] == "overdue"

    code, out, _err = cli("report", "day", "--date", "2026-11-24", "--format", "json")
    assert code == 0
    report = json.loads(out)
    late = {(x["case"], x["clock"]): x for x in report["late"]}
    assert late[ids["late"], "resolve"]["late_counting"] == "working"
    assert late[ids["late"], "resolve"]["late_minutes"] == 0  # under a working minute
    assert late[ids["repair"], "arrive"]["late_minutes"] == 280 and late[ids["repair"], "arrive"]["late_counting"] == "working"
    assert ((ids["major"], "escalate") in late) is (hour == "23:00")
    assert report["clocks"]["resolve"]["overdue"] == 1  # Ms Late's; Ms Away's waits

    # `deskapp show`: the state word and the long words of the same lateness.
    for name, clock in (("late", "resolve"), ("repair", "arrive"), ("major", "escalate")):
        code, out, _err = cli("show", str(ids[name]))
        assert code == 0
        shown = [line.strip("│ ") for line in out.splitlines()]  # inside the case's box
        [line] = [line for line in shown if line.split()[1:2] == [clock]]
        words = LONG[name] if isinstance(LONG[name], str) else LONG[name][hour]
        assert line.endswith(words)
        assert ("OVERDUE" in line) is words.endswith("late")
