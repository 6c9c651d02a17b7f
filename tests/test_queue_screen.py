"""The queue as the desk sees it: order, colours, live clocks, filters, actions, another desk's cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from textual.widgets import Input, Static

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.domain.enums import Kind, Severity, Status
from deskapp.models import Case
from deskapp.widgets.case_table import CaseTable
from tests.conftest import at, settled, until
from tests.helpers import actions_of, open_queue, record, rows

OPERATOR = "Liu Yang"


def cell(screen, case_id: int, column: str):
    return screen.query_one("#queue", CaseTable).get_cell(case_id, column)


def counts(screen) -> str:
    return str(screen.query_one("#queue-counts", Static).render())


def case(desk, case_id: int) -> Case:
    with desk.reading() as session:
        return session.get(Case, case_id)


async def test_the_most_urgent_case_is_on_top_and_cases_without_a_clock_last(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    inquiry = record(desk, "2026-11-23 09:50", kind=Kind.inquiry, who="Mr Fu", what="where is parking")
    fresh = record(desk, "2026-11-23 09:55", who="Ms Fresh")  # forward due 10:15
    late = record(desk, "2026-11-20 19:30", who="Ms Late")  # forward was due Mon 08:20
    major = record(desk, "2026-11-23 09:52", severity=Severity.major, who="Mr Major")  # forward due 10:02
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        assert [int(r[0]) for r in rows(screen)] == [late, major, fresh, inquiry]
        top = rows(screen)[0]
        assert "OVERDUE" in top[1] and top[2] == "1h 40m work"
        assert counts(screen).startswith("1 overdue · 1 due soon · 4 open")


async def test_each_state_has_its_colour_symbol_and_word(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    on_time = record(desk, "2026-11-23 09:58", who="A")  # 20 working min: 18 left of 20
    due_soon = record(desk, "2026-11-23 09:44", who="B")  # 4 left of 20: under a quarter
    overdue = record(desk, "2026-11-23 09:30", who="C")
    waiting = record(desk, "2026-11-23 09:50", who="D")
    workflow.forward(desk, waiting, "Engineering", at=at("2026-11-23 09:51"))
    workflow.pause(desk, waiting, "customer away until noon", at=at("2026-11-23 09:52"))
    night = record(desk, "2026-11-20 19:30", who="E")  # Friday night, seen on Saturday
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        desk.clock.set(at("2026-11-23 10:00"))
        screen = await open_queue(pilot)
        expected = {
            on_time: ("● forward on time", "on-time"),
            due_soon: ("▲ forward due soon", "due-soon"),
            overdue: ("✖ forward OVERDUE", "overdue"),
            waiting: ("‖ resolve waiting", "waiting"),
        }
        for case_id, (text, state) in expected.items():
            badge = cell(screen, case_id, "clock")
            assert badge.plain == text and str(badge.style) == f"deadline--{state}", case_id
            # Drawn in the theme's colour for that state (app.tcss), never in a colour of its own.
            drawn = screen.table.get_component_rich_style(f"deadline--{state}", partial=True)
            assert drawn.color.triplet.hex.upper() == pilot.app.theme_variables[f"deadline-{state}"][:7].upper()
        assert screen.table.get_component_rich_style("deadline--overdue", partial=True).bold
        # The Friday-night complaint, before the desk opens on Monday, is waiting for the morning.
        desk.clock.set(at("2026-11-23 07:30"))
        screen.tick()
        badge = cell(screen, night, "clock")
        assert badge.plain == "☾ forward morning" and str(badge.style) == "deadline--morning"
        assert "awaiting the morning" in counts(screen)


async def test_countdowns_move_with_the_clock_without_moving_the_cursor(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    first = record(desk, "2026-11-23 09:40", who="First")  # due 10:00 exactly
    second = record(desk, "2026-11-23 09:50", who="Second")  # due 10:10
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("down")
        assert screen.selected_id() == second
        assert str(cell(screen, second, "left")) == "10m work"
        desk.clock.set(at("2026-11-23 10:07"))
        screen.tick()
        assert str(cell(screen, second, "left")) == "3m work"
        assert cell(screen, second, "clock").plain == "▲ forward due soon"
        assert str(cell(screen, first, "left")) == "7m work"
        assert screen.selected_id() == second


async def test_filters_and_search_from_the_keyboard(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    leak = record(desk, "2026-11-23 09:30", who="Ms Water", what="leak in the pantry", phone="138 0013 8000")
    noise = record(desk, "2026-11-23 09:50", who="Mr Quiet", what="drilling noise", severity=Severity.minor)
    lift = record(desk, "2026-11-23 09:55", kind=Kind.repair, who="Ms Lift", what="lift stuck on 3F")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        ids = lambda: [int(r[0]) for r in rows(screen)]  # noqa: E731
        await pilot.press("k", "k")  # inquiry, then repair
        assert ids() == [lift]
        await pilot.press("c", "t")  # clear; state: overdue
        assert ids() == [leak]
        await pilot.press("c", "s", "s", "s")  # severity: major, general, minor
        assert ids() == [noise]
        await pilot.press("c", "slash", *"pantry")
        assert ids() == [leak]
        assert screen.query_one("#queue-search", Input).value == "pantry"
        await pilot.press("enter")  # back to the table, the search kept
        assert screen.focused is screen.query_one("#queue")
        await pilot.press("c", "slash", *"00138")  # digits find the phone, however it was typed
        assert ids() == [leak]
        await pilot.press("escape", "c", "o")
        assert len(ids()) == 3  # everyone's cases were recorded by the same receptionist


async def test_enter_on_the_department_forwards_the_case_as_the_dialog_says(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    case_id = record(desk, "2026-11-23 09:50")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("f")
        await settled(pilot)
        modal = pilot.app.screen
        assert "Enter or Ctrl+S to save" in str(modal.query_one("#action-box .hint", Static).render())
        department = modal.query_one("#ask-department")
        await until(pilot, lambda: "Engineering" in [v for _p, v in department._options], "the departments")
        department.focus()
        department.value = "Engineering"
        await pilot.press("enter")
        await until(pilot, lambda: pilot.app.screen is screen, "the dialog to save and close")
        assert case(desk, case_id).status is Status.forwarded and actions_of(desk, case_id) == ["intake", "forward"]


async def test_every_action_from_the_queue_writes_its_history_event(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    case_id = record(desk, "2026-11-23 09:50")
    mistake = record(desk, "2026-11-23 09:58", who="Ms Li", what="the same leak, recorded twice")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        screen = await open_queue(pilot)
        assert screen.selected_id() == case_id

        async def act(key: str, **answers) -> None:
            await pilot.press(key)
            await settled(pilot)
            modal = pilot.app.screen
            for name, value in answers.items():
                modal.query_one(f"#ask-{name}").value = value
            await pilot.press("ctrl+s")
            await settled(pilot)
            assert pilot.app.screen is screen, f"{key}: modal still open"

        await act("f", department="Engineering", note="leak above 1203")
        await pilot.press("a")
        await settled(pilot)
        await act("n", kind="progress", text="plumber on the way")
        await act("v", validity="valid", reason="pipe joint failed")
        await act("p", reason="customer out until 14:00")
        assert case(desk, case_id).status is Status.waiting
        await act("p", note="customer back")
        await act("e", note="second leak this month")
        await act("r", outcome="joint replaced, ceiling dried")
        assert case(desk, case_id).status is Status.resolved
        assert actions_of(desk, case_id) == ["intake", "forward", "acknowledge", "note", "validity", "pause", "resume",
                                             "escalate", "resolve"]
        # Resolved cases await their callback: still open, still on the queue.
        assert case_id in [int(r[0]) for r in rows(screen)]
        assert rows(screen)[[int(r[0]) for r in rows(screen)].index(case_id)][1].startswith("● callback")
        # A case recorded by mistake is voided, after a confirmation, and only by a supervisor.
        table = screen.query_one("#queue", CaseTable)
        table.move_cursor(row=table.get_row_index(mistake))

        async def void(reason: str):
            await pilot.press("x")
            await settled(pilot)
            modal = pilot.app.screen
            modal.query_one("#ask-reason", Input).value = reason
            await pilot.press("ctrl+s")
            await settled(pilot)
            assert "Press Enter again" in str(modal.query_one("#action-confirm", Static).render())
            assert case(desk, mistake).status is Status.received  # nothing done until confirmed
            await pilot.press("ctrl+s")
            await settled(pilot)
            return modal

        # The receptionist is refused at once, before being asked for a reason.
        await pilot.press("x")
        await settled(pilot)
        assert pilot.app.screen is screen
        assert any("only a supervisor can void" in str(n.message) for n in pilot.app._notifications)
        assert case(desk, mistake).status is Status.received
        screen.operator = "Chen Jing"  # the supervisor takes the keyboard
        await void("recorded twice")
        assert case(desk, mistake).status is Status.void
        case_id = mistake
        assert actions_of(desk, case_id) == ["intake", "void"]
        assert mistake not in [int(r[0]) for r in rows(screen)]


async def test_a_refused_action_shows_why_beside_the_field_and_keeps_the_input(desk):
    desk.clock.set(at("2026-11-23 10:00"))
    case_id = record(desk, "2026-11-23 09:50")
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 40)) as pilot:
        await open_queue(pilot)
        await pilot.press("n")
        await settled(pilot)
        modal = pilot.app.screen
        await pilot.press("ctrl+s")  # no text
        await settled(pilot)
        assert pilot.app.screen is modal
        assert "text of the note is needed" in str(modal.query_one("#error-text", Static).render())
        await pilot.press("escape")
        await pilot.press("a")  # not forwarded yet: acknowledging is refused with the reason
        await settled(pilot)
        await pilot.press("r")
        await settled(pilot)
        modal = pilot.app.screen
        await pilot.press(*"   ")
        await pilot.press("enter")
        await settled(pilot)
        assert "outcome is needed" in str(modal.query_one("#error-outcome", Static).render())
        assert modal.query_one("#ask-outcome", Input).value == "   "
        assert actions_of(desk, case_id) == ["intake"]


async def test_a_case_recorded_at_another_desk_appears_without_a_restart(desk, db_path):
    desk.clock.set(at("2026-11-23 10:00"))
    old = record(desk, "2026-11-23 09:59")  # forward due 10:19
    env = {**os.environ, "DESKAPP_DB": str(db_path), "TZ": "Asia/Shanghai", "DESKAPP_NOW": "2026-11-23T10:00+08:00"}
    async with DeskApp(desk, OPERATOR).run_test(size=(140, 30)) as pilot:
        screen = await open_queue(pilot)
        await pilot.press("down")
        assert len(rows(screen)) == 1
        done = subprocess.run(
            [sys.executable, "-m", "deskapp", "add", "--kind", "complaint", "--severity", "major", "--who", "Mr Other",
             "--which", "Tower A 3F", "--what", "smoke in the stairwell", "--json"],
            env=env, capture_output=True, text=True, timeout=60,
        )
        assert done.returncode == 0, done.stderr
        new = json.loads(done.stdout)["id"]
        # The probe runs every second.
        await until(pilot, lambda: len(rows(screen)) == 2, "the queue to show the case added elsewhere")
        assert [int(r[0]) for r in rows(screen)][0] == new  # forward due at 10:10: on top
        assert "Mr Other" in rows(screen)[0][5]
        assert screen.selected_id() == old  # the cursor stayed with the case it was on
