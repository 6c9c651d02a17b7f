"""Answer scripts beside the form: type a few letters, pick one, ask its questions, read its reply."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Checkbox, Input, OptionList, Static
from textual.widgets.option_list import Option

from deskapp.config.departments import department_label
from deskapp.domain.scripts import AnswerScript, Decision, decide, search
from deskapp.i18n import _


class ScriptsPanel(Vertical):
    DEFAULT_CSS = """
    ScriptsPanel { height: 1fr; border: round $secondary; }
    ScriptsPanel #script-search { height: 1; border: none; padding: 0 1; background: $boost; }
    ScriptsPanel #script-search:focus { background: $primary 30%; }
    ScriptsPanel #script-matches { height: auto; max-height: 6; border: none; background: transparent; }
    ScriptsPanel Checkbox { width: 1fr; height: 1; border: none; padding: 0; background: transparent; }
    ScriptsPanel Checkbox:focus { border: none; background: $primary 30%; }
    ScriptsPanel #script-decision { text-style: bold; height: auto; margin-top: 1; }
    ScriptsPanel #script-decision.closes { color: $success; }
    ScriptsPanel #script-decision.dispatch { color: $warning; }
    ScriptsPanel #script-reply { height: auto; color: $text; text-style: italic; }
    ScriptsPanel #script-detail { height: auto; }
    """

    class Chosen(Message):
        """A script was picked (its category goes on the form) or its answers changed the decision."""

        def __init__(self, script: AnswerScript, decision: Decision) -> None:
            super().__init__()
            self.script = script
            self.decision = decision

    def __init__(self, scripts: tuple[AnswerScript, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scripts = scripts
        self.matches: list[AnswerScript] = list(scripts)
        self.script: AnswerScript | None = None
        self.decision: Decision | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("type: leak, lift, noise, card …"), id="script-search")
        yield OptionList(*self._options(), id="script-matches")
        yield Vertical(id="script-detail")

    def on_mount(self) -> None:
        self.border_title = _("Scripts · ctrl+f")

    def focus_search(self) -> None:
        self.query_one("#script-search", Input).focus()

    @on(Input.Changed, "#script-search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()  # not a form field: nothing to validate or keep in the draft
        self.matches = search(self.scripts, event.value)
        options = self.query_one("#script-matches", OptionList)
        options.clear_options()
        options.add_options(self._options())
        if self.matches:
            options.highlighted = 0

    @on(Input.Submitted, "#script-search")
    async def _take_first(self, event: Input.Submitted) -> None:
        # Enter in the search picks the best match: three letters and Enter are enough.
        event.stop()
        options = self.query_one("#script-matches", OptionList)
        index = options.highlighted or 0
        if self.matches:
            await self.choose(self.matches[index])

    @on(OptionList.OptionSelected, "#script-matches")
    async def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.choose(self.matches[event.option_index])

    async def choose(self, script: AnswerScript) -> None:
        self.script = script
        detail = self.query_one("#script-detail", Vertical)
        await detail.remove_children()
        boxes = [Checkbox(Text(q.ask), False, id=f"q-{i}") for i, q in enumerate(script.questions)]
        await detail.mount(Static(Text.assemble((script.title, "bold"), f" · {script.category}")), *boxes,
                           Static("", id="script-decision"), Static("", id="script-reply"))
        if boxes:
            boxes[0].focus()
        self._decide()

    @on(Checkbox.Changed)
    def _answered(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._decide()

    def _decide(self) -> None:
        if self.script is None:
            return
        yes = {i for i, box in enumerate(self.query("#script-detail Checkbox").results(Checkbox)) if box.value}
        self.decision = decision = decide(self.script, yes, department_label)
        shown = self.query_one("#script-decision", Static)
        shown.update(Text(("✔ " if decision.closes else "➜ ") + decision.reason
                          + (" · " + _("ctrl+o answers and closes") if decision.closes else "")))
        shown.set_class(decision.closes, "closes")
        shown.set_class(not decision.closes, "dispatch")
        self.query_one("#script-reply", Static).update(Text(f"“{decision.reply}”"))
        self.post_message(self.Chosen(self.script, decision))

    def _options(self) -> list[Option]:
        return [Option(Text(s.title), id=str(i)) for i, s in enumerate(self.matches)]
