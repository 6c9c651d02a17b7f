"""The handover screen at the end of Monday's day shift: Wang Fang hands over, Zhao Lei takes the night."""

from __future__ import annotations

from textual.widgets import DataTable, Static, TextArea

from deskapp.app import DeskApp
from deskapp.desk.handover import acknowledge_handover, hand_over
from deskapp.reads.shift_summary import handovers
from deskapp.screens.handover import HandoverScreen, PastHandover
from deskapp.screens.handover_read import TakeOver
from tests.conftest import at, settled
from tests.handover_cases import MONDAY_DAY, monday


def _text(app, selector) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _open(pilot, desk, operator):
    pilot.app.push_screen(HandoverScreen(desk, operator))
    await settled(pilot)


async def test_a_full_handover_with_notes_acknowledged_by_the_night_duty(desk):
    ids = monday(desk)  # the clock stands at Mon 18:50
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(160, 50)) as pilot:
        await _open(pilot, desk, "Wang Fang")
        assert _text(app, "#handover-shift").startswith("day shift Mon 23 Nov 08:00 – 19:00  (ending)")
        summary = _text(app, "#summary-text")
        for line in ("Came in", "3 cases", "by channel: email 1, phone 1, visit 1", "Still open (4)",
                     "Overdue now (3)", "Major complaints (2)", "Ms Zhou's complaint · NOT escalated",
                     "Callbacks due next shift (1)", "Waiting on the customer (1)"):
            assert line in summary, line
        assert f"#{ids['major_done']} Mr Zhang's complaint · escalated Mon 09:10 · Sun Qiang Mon 09:15" in summary
        notes = app.screen.query_one("#handover-notes", TextArea)
        notes.focus()
        await pilot.press(*"lift 3 stuck")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "handed over by Wang Fang at Mon 23 Nov 18:50" in _text(app, "#handover-status")
        assert "not yet acknowledged" in _text(app, "#handover-status")
        assert notes.read_only
        await pilot.press("ctrl+g")  # her own handover: nothing waits for her
        await settled(pilot)
        assert handovers(desk, 5)[0].acknowledged_at is None

    desk.clock.set(at("2026-11-23 19:03"))
    app = DeskApp(desk, "Zhao Lei")
    async with app.run_test(size=(160, 50)) as pilot:
        await _open(pilot, desk, "Zhao Lei")
        assert _text(app, "#handover-shift").startswith("night shift Mon 23 Nov 19:00 – Tue 24 Nov 08:00")
        assert "handed over by Wang Fang at 18:50" in _text(app, "#handover-pending")
        await pilot.press("ctrl+g")  # first the handover itself, notes first
        await settled(pilot)
        assert isinstance(app.screen, TakeOver)
        shown = str(app.screen.query_one("#take-over-text", Static).render())
        assert shown.index("lift 3 stuck") < shown.index("Overdue now (3)") < shown.index("Major complaints (2)")
        await pilot.press("ctrl+g")  # it all fits at 160×50: read as soon as shown
        await settled(pilot)
        [record] = handovers(desk, 5)
        assert (record.outgoing, record.written_at, record.incoming, record.acknowledged_at, record.notes) == (
            "Wang Fang", at("2026-11-23 18:50"), "Zhao Lei", at("2026-11-23 19:03"), "lift 3 stuck")
        assert not app.screen.query_one("#handover-pending").has_class("shown")
        await pilot.press("ctrl+b")  # back to the day shift: both names and times
        await settled(pilot)
        status = _text(app, "#handover-status")
        assert "handed over by Wang Fang at Mon 23 Nov 18:50" in status
        assert "acknowledged by Zhao Lei at Mon 23 Nov 19:03" in status
        assert app.screen.query_one("#handover-notes", TextArea).text == "lift 3 stuck"


async def test_a_past_handover_reopens_read_only(desk):


    monday(desk)
    written = hand_over(desk, *MONDAY_DAY, "Mr Zhang expects a call at 09:00", by="Wang Fang")
    desk.clock.set(at("2026-11-23 19:03"))
    acknowledge_handover(desk, written.id, by="Zhao Lei")
    desk.clock.set(at("2026-11-24 10:00"))  # Tuesday: the cases moved on, the handover did not
    app = DeskApp(desk, "Liu Yang")
    async with app.run_test(size=(160, 50)) as pilot:
        await _open(pilot, desk, "Liu Yang")
        table = app.screen.query_one("#handover-past", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)] == ["day Mon 23 Nov 08:00", "Wang Fang", "Mon 18:50",
                                                          "Zhao Lei", "Mon 19:03"]
        table.focus()
        await pilot.press("enter")
        await settled(pilot)
        assert isinstance(app.screen, PastHandover)
        assert "acknowledged by Zhao Lei at Mon 23 Nov 19:03" in str(app.screen.query_one("#past-status").render())
        assert "Still open (4)" in str(app.screen.query_one("#past-sections").render())
        notes = app.screen.query_one("#past-notes", TextArea)
        assert notes.read_only
        notes.focus()
        await pilot.press(*"xyz")
        assert notes.text == "Mr Zhang expects a call at 09:00"
        await pilot.press("escape")
        assert isinstance(app.screen, HandoverScreen)


async def test_control_characters_are_refused_beside_the_notes_and_the_text_kept(desk):
    desk.clock.set(at("2026-11-23 18:50"))
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(160, 50)) as pilot:
        await _open(pilot, desk, "Wang Fang")
        notes = app.screen.query_one("#handover-notes", TextArea)
        notes.load_text("all quiet\x07 tonight")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert "invisible control character (U+0007)" in _text(app, "#notes-error")
        assert notes.text == "all quiet\x07 tonight" and not notes.read_only
        assert handovers(desk, 5) == []
        notes.load_text("")  # empty notes are fine
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert _text(app, "#notes-error") == ""
        assert [r.notes for r in handovers(desk, 5)] == [""]


async def test_on_a_small_terminal_the_night_duty_reads_to_the_end_before_ctrl_g_counts(desk):
    monday(desk)
    hand_over(desk, *MONDAY_DAY, "\n".join(f"note {n}: check lift {n}" for n in range(1, 13)), by="Wang Fang")
    desk.clock.set(at("2026-11-23 19:03"))
    app = DeskApp(desk, "Zhao Lei")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, desk, "Zhao Lei")
        await pilot.press("ctrl+g")
        await settled(pilot)
        assert isinstance(app.screen, TakeOver) and not app.screen.read_to_end
        await pilot.press("ctrl+g")  # straight away: the items below have not been on screen
        await settled(pilot)
        assert handovers(desk, 5)[0].acknowledged_at is None and isinstance(app.screen, TakeOver)
        assert any("read the handover to its end first" in n.message for n in app._notifications)
        for _ in range(20):
            if app.screen.read_to_end:
                break
            await pilot.press("pagedown")
            await settled(pilot)
        assert app.screen.read_to_end
        await pilot.press("ctrl+g")
        await settled(pilot)
        assert handovers(desk, 5)[0].incoming == "Zhao Lei"


async def test_taking_over_in_chinese(desk, chinese):
    monday(desk)
    hand_over(desk, *MONDAY_DAY, "3号电梯停运", by="Wang Fang")
    desk.clock.set(at("2026-11-23 19:03"))
    app = DeskApp(desk, "Zhao Lei")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, desk, "Zhao Lei")
        await pilot.press("ctrl+g")
        await settled(pilot)
        hint = str(app.screen.query_one("#take-over-hint", Static).render())
        title = str(app.screen.query_one("#take-over-title", Static).render())
        assert "3号电梯停运" in str(app.screen.query_one("#take-over-text", Static).render())
        for words in (hint, title.replace("Wang Fang", "")):
            assert not any(c.isascii() and c.isalpha() for c in words.replace("ctrl+g", "").replace("Page Down", "")), words


async def test_an_early_handover_is_asked_first_and_says_so_where_it_is_read(desk):
    from deskapp.screens.readback import ConfirmScreen

    monday(desk)
    desk.clock.set(at("2026-11-23 15:00"))  # four hours before the day shift ends
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(160, 50)) as pilot:
        await _open(pilot, desk, "Wang Fang")
        app.screen.query_one("#handover-notes", TextArea).focus()
        await pilot.press(*"leaving for the doctor", "ctrl+s")
        await settled(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.screen.query_one("#confirm-question", Static).render()) == "Hand over 4 h before the shift ends?"
        await pilot.press("enter")  # the safe answer: keep the shift
        await settled(pilot)
        assert handovers(desk, 5) == []
        await pilot.press("ctrl+s")
        await settled(pilot)
        await pilot.press("y")
        await settled(pilot)
        [record] = handovers(desk, 5)
        assert record.notes == "leaving for the doctor"
        assert "handed over by Wang Fang at Mon 23 Nov 15:00 (4 h before the shift's end)" in _text(app, "#handover-status")
