"""One question of an answer script, with its answer: not asked yet, yes or no.

A checkbox has two states and so took "not asked" for "no"; this row has three. y and n answer it
and go on to the next question, Space goes round (not asked → yes → no → not asked), Backspace takes
the answer back.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from deskapp.i18n import N_, _


class AnswerRow(Widget, can_focus=True):
    DEFAULT_CSS = """
    AnswerRow { height: auto; width: 1fr; padding: 0; }
    AnswerRow:focus { background: $primary 30%; }
    AnswerRow.-unanswered { color: $text-muted; }
    """
    BINDINGS = [
        Binding("y", "answer(True)", N_("Yes"), id="script_answer.yes", show=False,
                tooltip=N_("The caller says yes")),
        Binding("n", "answer(False)", N_("No"), id="script_answer.no", show=False,
                tooltip=N_("The caller says no")),
        Binding("space", "next_answer", N_("Answer"), id="script_answer.next", show=False,
                tooltip=N_("Yes, no, not asked, in turn")),
        Binding("backspace", "answer(None)", N_("Not asked"), id="script_answer.clear", show=False,
                tooltip=N_("Not asked yet: the answer is cleared")),
    ]
    answer: reactive[bool | None] = reactive(None, init=False)

    class Answered(Message):
        def __init__(self, row: AnswerRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, index: int, ask: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index = index
        self.ask = ask
        self.add_class("-unanswered")

    def render(self) -> Text:
        marks = {None: _("[ ? ]"), True: _("[yes]"), False: _("[ no]")}
        return Text.assemble((marks[self.answer], "bold"), " ", self.ask)

    def action_answer(self, answer: bool | None) -> None:
        self.answer = answer
        if answer is not None:
            self._to_the_next_question()

    def _to_the_next_question(self) -> None:
        # y or n and on to the next question, as the operator asks them in turn; the last one stays.
        siblings = [w for w in self.parent.children if isinstance(w, AnswerRow)] if self.parent else []
        following = siblings[siblings.index(self) + 1:] if self in siblings else []
        if following:
            following[0].focus()

    def action_next_answer(self) -> None:
        self.answer = {None: True, True: False, False: None}[self.answer]

    def watch_answer(self, answer: bool | None) -> None:
        self.set_class(answer is None, "-unanswered")
        self.post_message(self.Answered(self))

    def on_click(self) -> None:
        self.action_next_answer()
