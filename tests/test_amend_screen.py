"""Correcting a case from its detail, in English and in Chinese: c, the field, its value filled in,
the new value and the reason; the history shows before → after. A refusal stays on the dialog."""

from __future__ import annotations

from textual.widgets import Input, Static

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.i18n import CHINESE, use_language
from deskapp.screens.amend import SHOWN_FIELDS, AmendDialog
from deskapp.screens.case_detail import CaseDetailScreen
from tests.conftest import at, settled
from tests.helpers import actions_of, cases, history, open_queue, record


def _plain(widget: Static) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(widget.content)
    return " ".join(console.export_text().split())


async def _correct_the_phone(pilot, new: str, reason: str) -> AmendDialog:
    """On the case detail: c, step to the phone field, replace the number, give the reason, save."""
    await pilot.press("c")
    await settled(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, AmendDialog)
    for _ in range(SHOWN_FIELDS.index("phone") + 1):  # the arrows step through the fields, in any language
        await pilot.press("down")
    await settled(pilot)
    assert dialog.query_one("#ask-value", Input).value == "13800138000"  # what the case says now, to edit
    await pilot.press("tab")
    await settled(pilot)
    await pilot.press("end", "ctrl+u", *new, "tab")
    await settled(pilot)
    await pilot.press(*reason)
    await pilot.press("ctrl+s")
    await settled(pilot)
    return dialog


async def _open_detail(pilot) -> CaseDetailScreen:
    await open_queue(pilot)
    await pilot.press("enter")
    await settled(pilot)
    assert isinstance(pilot.app.screen, CaseDetailScreen)
    return pilot.app.screen


async def test_the_owner_corrects_a_phone_typed_wrong_from_the_case_detail(desk):
    case_id = record(desk, "2026-11-23 08:00", phone="13800138000")
    async with DeskApp(desk, "Wang Fang").run_test(size=(140, 50)) as pilot:
        detail = await _open_detail(pilot)
        await _correct_the_phone(pilot, "13900139000", "caller read it out again")
        assert pilot.app.screen is detail
        assert actions_of(desk, case_id)[-1] == "amend"
        shown = _plain(detail.query_one("#detail-history", Static))
        assert "corrected" in shown and "caller read it out again" in shown
        assert "phone: 13800138000 → 13900139000" in shown
    assert cases(desk)[0].phone == "13900139000"


async def test_after_forwarding_another_receptionist_is_told_who_may_correct_it(desk):
    case_id = record(desk, "2026-11-23 08:00", phone="13800138000")  # Wang Fang's case
    workflow.forward(desk, case_id, "Engineering", at=at("2026-11-23 08:05"))
    async with DeskApp(desk, "Liu Yang").run_test(size=(140, 50)) as pilot:
        await _open_detail(pilot)
        dialog = await _correct_the_phone(pilot, "13900139000", "typed wrong")
        assert pilot.app.screen is dialog  # still open, with what was typed
        said = str(dialog.query_one("#action-error", Static).content)
        assert said == (f"case {case_id} is forwarded: only its owner (Wang Fang) or a supervisor can correct it; "
                        "Liu Yang is receptionist")
        assert dialog.query_one("#ask-value", Input).value == "13900139000"
    assert [e.action for e in history(desk, case_id)] == ["intake", "forward"]


async def test_a_chinese_desk_corrects_a_phone_and_reads_it_in_chinese(desk):
    with use_language(CHINESE):
        case_id = record(desk, "2026-11-23 08:00", phone="13800138000")
        async with DeskApp(desk, "Wang Fang").run_test(size=(140, 50)) as pilot:
            detail = await _open_detail(pilot)
            dialog = await _correct_the_phone(pilot, "13900139000", "来电人重新报号")
            assert pilot.app.screen is detail, str(dialog.query_one("#action-error", Static).content)
            shown = _plain(detail.query_one("#detail-history", Static))
            assert "更正" in shown and "来电人重新报号" in shown
            assert "联系电话：13800138000 → 13900139000" in shown
    assert actions_of(desk, case_id)[-1] == "amend"


async def test_an_inquiry_still_unhappy_is_made_a_complaint_from_the_case_detail(desk):
    from deskapp.domain.enums import Kind, Severity

    case_id = record(desk, "2026-11-23 08:00", kind=Kind.inquiry, what="when is the gym open")
    async with DeskApp(desk, "Wang Fang").run_test(size=(140, 50)) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("m")
        await settled(pilot)
        await pilot.press("g", "tab")  # general
        await settled(pilot)
        await pilot.press(*"rang back, still unhappy", "ctrl+s")
        await settled(pilot)
        assert pilot.app.screen is detail
        assert "made a complaint" in _plain(detail.query_one("#detail-history", Static))
    [case] = cases(desk)
    assert (case.kind, case.severity, case.converted_at) == (Kind.complaint, Severity.general, desk.now())
    assert actions_of(desk, case_id) == ["intake", "convert"]


async def test_only_a_supervisor_gives_a_case_a_new_owner_from_the_case_detail(desk):
    case_id = record(desk, "2026-11-23 08:00")
    async with DeskApp(desk, "Liu Yang").run_test(size=(140, 50)) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("o")
        await settled(pilot)
        assert pilot.app.screen is detail  # refused before anything is asked
        said = [str(n.message) for n in pilot.app._notifications]
        assert said[-1] == ("only a supervisor can give a case another owner (supervisor: Chen Jing); "
                            "Liu Yang is receptionist")
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 50)) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("o")
        await settled(pilot)
        owner = pilot.app.screen.query_one("#ask-owner")
        for _ in range(3):  # l steps through the names beginning with it
            if owner.value == "Liu Yang":
                break
            await pilot.press("l")
        await pilot.press("tab")
        await settled(pilot)
        await pilot.press(*"Wang Fang left", "ctrl+s")
        await settled(pilot)
        assert pilot.app.screen is detail
        shown = _plain(detail.query_one("#detail-history", Static))
        assert "owner changed" in shown and "Wang Fang → Liu Yang" in shown
    assert actions_of(desk, case_id) == ["intake", "reassign"]


async def test_a_chinese_desk_makes_an_inquiry_a_complaint_and_reads_it_in_chinese(desk, chinese):
    from deskapp.domain.enums import Kind, Severity

    case_id = record(desk, "2026-11-23 08:00", kind=Kind.inquiry, what="健身房几点开门")
    async with DeskApp(desk, "Wang Fang").run_test(size=(140, 50)) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("m")
        await settled(pilot)
        title = str(pilot.app.screen.query_one("#action-title", Static).content)
        pilot.app.screen.query_one("#ask-severity").value = "general"
        await pilot.press("tab", *"回电后仍不满意", "ctrl+s")
        await settled(pilot)
        assert pilot.app.screen is detail
        shown = _plain(detail.query_one("#detail-history", Static))
        assert "回电后仍不满意" in shown
        assert not any(c.isascii() and c.isalpha() for c in title), title
    [case] = cases(desk)
    assert (case.kind, case.severity) == (Kind.complaint, Severity.general)
    assert actions_of(desk, case_id) == ["intake", "convert"]


async def test_a_chinese_desk_refuses_a_new_owner_to_a_receptionist_and_gives_it_as_supervisor(desk, chinese):
    case_id = record(desk, "2026-11-23 08:00")
    async with DeskApp(desk, "Liu Yang").run_test(size=(140, 50)) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("o")
        await settled(pilot)
        assert pilot.app.screen is detail
        said = [str(n.message) for n in pilot.app._notifications][-1]
        assert "Chen Jing" in said and not any(c.isascii() and c.isalpha()
                                                for c in said.replace("Chen Jing", "").replace("Liu Yang", "")), said
    async with DeskApp(desk, "Chen Jing").run_test(size=(140, 50)) as pilot:
        detail = await _open_detail(pilot)
        await pilot.press("o")
        await settled(pilot)
        pilot.app.screen.query_one("#ask-owner").value = "Liu Yang"
        await pilot.press("tab", *"王芳离职", "ctrl+s")
        await settled(pilot)
        assert pilot.app.screen is detail
        shown = _plain(detail.query_one("#detail-history", Static))
        assert "Wang Fang → Liu Yang" in shown and "王芳离职" in shown
    assert actions_of(desk, case_id) == ["intake", "reassign"]
