"""At intake, the third caller about the leak on Tower B's 12th floor: the batch warning shows, ctrl+k
links the call, and saving opens the incident from the earlier calls with this one; the next caller's
call joins it."""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.reads.incidents import incident_view
from deskapp.screens.readback import ReadBackScreen
from tests.conftest import settled, until
from tests.helpers import cases, open_intake, text_of
from tests.test_incidents import incident_of, leak

OPERATOR = "Wang Fang"


def typed(text: str) -> list[str]:
    """The keys of a text as pilot.press takes them."""
    return ["space" if ch == " " else ch for ch in text]


def a_complaint(who: str, phone: str, which: str) -> list[str]:
    """A general complaint about a leak, typed at full speed: kind, severity, who, phone, which, what;
    then the category, reached from the What by its place in the form."""
    return ["enter", "c", "enter", "tab", "enter", "g", "enter", "tab", *typed(who), "tab", "tab", *typed(phone),
            "tab", *typed(which), "tab", *typed("water through the ceiling")]


async def to_category(pilot, app) -> None:
    app.screen.query_one("#f-category").focus()
    await pilot.press(*typed("water leak"))


def key_bar(app) -> str:
    return " ".join(str(k.description) for k in app.screen.query("FooterKey"))


async def test_the_third_caller_is_linked_at_intake_and_the_fourth_joins_the_incident(desk):
    first = leak(desk, "13800138000", "2026-11-23 08:30")
    second = leak(desk, "13900139000", "2026-11-23 08:45", who="Mr Ma", which="Tower B 12F 1210")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        assert "Link to incident" not in key_bar(app)  # no batch, no key
        await pilot.press(*a_complaint("Ms Zhao", "13700137000", "Tower B 12F 1205"))
        await to_category(pilot, app)
        await until(pilot, lambda: "batch" in text_of(app, "#caller-batch"), "the batch warning")
        await settled(pilot)
        assert "ctrl+k: link this call to the incident (opened from these calls)" in text_of(app, "#caller-batch")
        assert "Link to incident" in key_bar(app)
        await pilot.press("ctrl+k")
        assert "✓ saving opens an incident from these calls and links this one" in text_of(app, "#caller-batch")
        assert app.screen.query_one("#f-category").value == "water leak"  # ctrl+k took nothing from the field
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen), "the read-back")
        await pilot.press("enter")
        await until(pilot, lambda: "recorded" in text_of(app, "#result"), "the case to be saved")
        await settled(pilot)
        third = cases(desk)[-1].id
        assert f"Case #{third} recorded" in text_of(app, "#result") and "incident 1" in text_of(app, "#result")
        assert [c.id for c in incident_view(desk, 1).cases] == [first, second, third]
        assert text_of(app, "#caller-batch") == ""  # the next call's form starts with no warning
        await pilot.press(*a_complaint("Mr Sun", "13600136000", "Tower B 12F 1207"))
        await to_category(pilot, app)
        await until(pilot, lambda: "incident 1" in text_of(app, "#caller-batch"), "the open incident to be named")
        await settled(pilot)
        await pilot.press("ctrl+k", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen), "the read-back")
        await pilot.press("enter")
        await until(pilot, lambda: len(cases(desk)) == 4, "the fourth call to be saved")
        await settled(pilot)
    fourth = cases(desk)[-1].id
    assert incident_of(desk, fourth) == 1 and incident_view(desk, 1).callers == 4


async def test_without_ctrl_k_a_batch_call_is_saved_on_its_own(desk):
    leak(desk, "13800138000", "2026-11-23 08:30")
    leak(desk, "13900139000", "2026-11-23 08:45", who="Mr Ma", which="Tower B 12F 1210")
    app = DeskApp(desk, OPERATOR)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await pilot.press(*a_complaint("Ms Zhao", "13700137000", "Tower B 12F 1205"))
        await to_category(pilot, app)
        await until(pilot, lambda: "batch" in text_of(app, "#caller-batch"), "the batch warning")
        await settled(pilot)
        await pilot.press("ctrl+k", "ctrl+k")  # on, then off again
        assert "ctrl+k: link this call" in text_of(app, "#caller-batch")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen), "the read-back")
        await pilot.press("enter")
        await until(pilot, lambda: len(cases(desk)) == 3, "the call to be saved")
        await settled(pilot)
    assert incident_of(desk, cases(desk)[-1].id) is None
