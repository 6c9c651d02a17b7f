"""Choices that change at the keystroke, so a fast typist's next keys reach the next field."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from deskapp.widgets.quick_select import QuickSelect


class Form(App):
    def __init__(self):
        super().__init__()
        self.chosen = []

    def compose(self):
        yield QuickSelect([("major", "major"), ("general", "general"), ("minor", "minor")], prompt="choose", id="s",
                          on_choice=self.chosen.append)
        yield Input(id="next")


async def test_letters_arrows_and_enter():
    app = Form()
    async with app.run_test() as pilot:
        select = app.query_one("#s", QuickSelect)
        select.focus()
        await pilot.press("g")
        assert select.value == "general"
        await pilot.press("m", "m")  # the same letter again moves to the next option starting with it
        assert select.value == "minor"
        await pilot.press("down")
        assert select.value == "major"
        await pilot.press("up")
        assert select.value == "minor"
        await pilot.press("enter")  # never opens the list: nothing to wait for
        assert not select.expanded
        await pilot.press("backspace")
        assert select.value is QuickSelect.NULL
        assert app.chosen == ["general", "major", "minor", "major", "minor"]


async def test_keys_after_a_choice_reach_the_next_field():
    app = Form()
    async with app.run_test() as pilot:
        app.query_one("#s").focus()
        await pilot.press("g", "tab", "M", "s", " ", "L", "i")
        assert app.query_one("#next", Input).value == "Ms Li"
        assert app.query_one("#s", QuickSelect).value == "general"
