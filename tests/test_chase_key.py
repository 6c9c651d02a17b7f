"""Ms Li calls again about the water from the ceiling: Wang Fang chases Engineering from the case
detail (`b`), saying what Ms Li said, and the case detail says it has been chased; from the queue's
selected row too, where its What opens with ⟳2. Sun Qiang of Engineering is told chasing is the
desk's. Typed at full speed, straight after the dialog opens."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.access import set_pin
from deskapp.desk.coordination import chase
from deskapp.i18n import CHINESE, use_language
from deskapp.screens.actions import ActionModal
from deskapp.screens.case_detail import CaseDetailScreen
from tests.conftest import at, settled, until
from tests.helpers import cases, history, open_queue, record, rows
from tests.test_who_may_screens import _detail


async def _asked(pilot, key: str) -> None:
    """The key, then the keys that follow at full speed as soon as its dialog is up: it opens once the
    desk has said this operator may take the step (a worker), and what is typed before would be keys
    of the screen behind."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, ActionModal), "the dialog to open")


def _forwarded(desk) -> int:
    number = record(desk, "2026-11-23 08:30")
    workflow.forward(desk, number, "Engineering", at=at("2026-11-23 08:40"))
    return number


def _chases(desk, number: int) -> int:
    return next(c.chase_count for c in cases(desk) if c.id == number)


def _fields(screen: CaseDetailScreen) -> str:
    from deskapp.screens.statistics import shown_text

    return shown_text(screen.query_one("#detail-fields").content)


async def test_wang_fang_chases_engineering_from_the_case_detail_with_what_ms_li_said(desk):
    number = _forwarded(desk)
    async with DeskApp(desk, "Wang Fang").run_test(size=(140, 40)) as pilot:
        screen = await _detail(pilot, number)
        await _asked(pilot, "b")
        await pilot.press(*"Ms Li called again: still dripping", "enter")
        await until(pilot, lambda: _chases(desk, number) == 1, "the chase to be recorded")
        await settled(pilot)
        assert "Chased       1 time" in _fields(screen)
        assert f"case {number} chased: one more chase of the department it is with" in [
            str(n.message) for n in pilot.app._notifications]
    last = history(desk, number)[-1]
    assert (last.action, last.note) == ("chase", "Ms Li called again: still dripping")


async def test_the_queues_selected_row_is_chased_and_shows_it(desk):
    number = _forwarded(desk)
    chase(desk, number, "first call back", by="Wang Fang")
    async with DeskApp(desk, "Wang Fang").run_test(size=(140, 40)) as pilot:
        queue = await open_queue(pilot)
        assert any(cell.startswith("⟳1 water dripping") for cell in rows(queue)[0])
        await _asked(pilot, "b")
        await pilot.press("enter")  # the note may be left empty
        await until(pilot, lambda: _chases(desk, number) == 2, "the second chase")
        await until(pilot, lambda: any(cell.startswith("⟳2 water dripping") for cell in rows(queue)[0]),
                    "the queue to show two chases")


async def test_sun_qiang_of_engineering_is_told_chasing_is_the_desks(desk):
    number = _forwarded(desk)
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Sun Qiang").run_test(size=(140, 40)) as pilot:
        await _detail(pilot, number)
        await pilot.press("b")
        await settled(pilot)
        said = [str(n.message) for n in pilot.app._notifications]
        assert any("cannot chase a case: that is for" in s and "a supervisor (Chen Jing)" in s for s in said)
        assert isinstance(pilot.app.screen, CaseDetailScreen)
    assert _chases(desk, number) == 0


async def test_the_chase_in_chinese(desk):
    number = _forwarded(desk)
    with use_language(CHINESE):
        async with DeskApp(desk, "Wang Fang").run_test(size=(140, 40)) as pilot:
            screen = await _detail(pilot, number)
            await _asked(pilot, "b")
            await pilot.press(*"客户再次来电", "enter")
            await until(pilot, lambda: _chases(desk, number) == 1, "the chase")
            await settled(pilot)
            assert f"工单 {number} 已催办：责任部门的催办次数加一" in [str(n.message) for n in pilot.app._notifications]
            assert "催办" in _fields(screen) and "1 次" in _fields(screen)
