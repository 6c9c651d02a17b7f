"""Chen Jing reads November's management review from the statistics (`v`): the major complaint about
the lift and the general one she put on the list, each with its outcome and the review's conclusion;
she records the conclusion on one (`n`), typed at full speed; Wang Fang at reception is told the
conclusion is a supervisor's and nothing is written."""

from __future__ import annotations

from textual.widgets import DataTable

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.desk.access import set_pin
from deskapp.desk.review import conclude_review, put_to_review
from deskapp.domain.enums import Severity
from deskapp.i18n import CHINESE, use_language
from deskapp.screens.actions import ActionModal
from deskapp.screens.review import ReviewScreen
from tests.conftest import at, settled, until
from tests.helpers import actions_of, record, text_of


async def _asked(pilot, key: str) -> None:
    """The key, then the keys that follow at full speed as soon as its dialog is up: it opens once the
    desk has said this operator may take the step (a worker), and what is typed before would be keys
    of the screen behind."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(pilot.app.screen, ActionModal), "the dialog to open")


def novembers_review(desk) -> dict[str, int]:
    major = record(desk, "2026-11-10 10:00", severity=Severity.major, what="lift 3 trapped a tenant")
    general = record(desk, "2026-11-12 11:00", what="lift 3 stops between floors again")
    workflow.resolve(desk, major, "tenant freed in 12 minutes; lift 3 serviced", by="Chen Jing",
                     at=at("2026-11-10 11:00"))
    put_to_review(desk, general, "third lift complaint this month", by="Chen Jing", at=at("2026-11-12 12:00"))
    return {"major": major, "general": general}


def _cells(app) -> list[list[str]]:
    table = app.screen.query_one(DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def _review(pilot) -> ReviewScreen:
    await settled(pilot)
    await pilot.press("f6", "v")
    await settled(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)
    return pilot.app.screen


async def test_the_months_list_shows_each_complaints_outcome_and_conclusion(desk):
    ids = novembers_review(desk)
    conclude_review(desk, ids["general"], "lift contractor to attend the next meeting", by="Chen Jing")
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
        await _review(pilot)
        assert text_of(pilot.app, "#review-title") == "Management review, 2026-11: 2 complaints"
        rows = _cells(pilot.app)
        assert [r[0] for r in rows] == [str(ids["major"]), str(ids["general"])]
        assert rows[0][2:4] == ["major", "resolved"] and rows[0][6] == "not yet reviewed"
        assert rows[1][2].startswith("flagged: third lift") and rows[1][6] == "concluded by Chen Jin…"
        assert text_of(pilot.app, "#review-whole").split("\n") == [
            f"Case {ids['major']}: lift 3 trapped a tenant", "Outcome: tenant freed in 12 minutes; lift 3 serviced",
            "not yet reviewed"]
        await pilot.press("left")
        await settled(pilot)
        assert text_of(pilot.app, "#review-title") == "no complaints for the management review in 2026-10"
        await pilot.press("right", "escape")
        await settled(pilot)
        assert not isinstance(pilot.app.screen, ReviewScreen)


async def test_chen_jing_records_the_conclusion_with_n(desk):
    ids = novembers_review(desk)
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
        await _review(pilot)
        await _asked(pilot, "n")
        await pilot.press(*"contract to be re-tendered", "enter")
        await until(pilot, lambda: actions_of(desk, ids["major"])[-1] == "review", "the conclusion to be recorded")
        await settled(pilot)
        assert _cells(pilot.app)[0][6].startswith("concluded by Chen") and _cells(pilot.app)[0][6].endswith("…")
        assert text_of(pilot.app, "#review-whole").endswith("concluded by Chen Jing: contract to be re-tendered")
        assert f"case {ids['major']}: the management review's conclusion recorded" in [
            str(n.message) for n in pilot.app._notifications]


async def test_an_empty_conclusion_is_refused_beside_its_field(desk):
    ids = novembers_review(desk)
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
        await _review(pilot)
        await _asked(pilot, "n")
        await pilot.press("enter")
        await until(pilot, lambda: "is needed" in text_of(pilot.app, "#error-conclusion"), "the refusal")
        assert text_of(pilot.app, "#error-conclusion") == "conclusion of the management review is needed"
    assert actions_of(desk, ids["major"])[-1] == "resolve"


async def test_wang_fang_is_told_the_conclusion_is_the_supervisors(desk):
    ids = novembers_review(desk)
    set_pin(desk, "Chen Jing", "990011")
    async with DeskApp(desk, "Wang Fang").run_test(size=(140, 40)) as pilot:
        await _review(pilot)
        await pilot.press("n")
        await settled(pilot)
        said = [str(n.message) for n in pilot.app._notifications]
        assert any("cannot put a complaint to the management review or record its conclusion: "
                   "that is for a supervisor (Chen Jing)" in s for s in said)
        assert isinstance(pilot.app.screen, ReviewScreen)  # nothing was asked
    assert "review" not in actions_of(desk, ids["major"])


async def test_the_review_in_chinese(desk):
    ids = novembers_review(desk)
    with use_language(CHINESE):
        async with DeskApp(desk, "Chen Jing").run_test(size=(140, 40)) as pilot:
            await _review(pilot)
            assert text_of(pilot.app, "#review-title") == "管理评审，2026-11：共2件投诉"
            assert _cells(pilot.app)[1][2].startswith("提交评审：") and _cells(pilot.app)[0][6] == "尚未评审"
            assert text_of(pilot.app, "#review-whole").split("\n")[1] == "处理结果：tenant freed in 12 minutes; lift 3 serviced"
            await _asked(pilot, "n")
            await pilot.press(*"维保合同重新招标", "enter")
            await until(pilot, lambda: actions_of(desk, ids["major"])[-1] == "review", "the conclusion")
