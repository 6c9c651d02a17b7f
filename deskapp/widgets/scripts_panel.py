"""Answer scripts beside the form: type a few letters, pick one, ask its questions, read its reply.

Each question is answered yes or no (y, n) or left not asked; the judgement shows once the questions
that decide it are answered. An emergency says whom to call, with their number.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from deskapp.config.departments import department_label
from deskapp.config.scripts import department_phone
from deskapp.domain.scripts import AnswerScript, Decision, Outcome, decide, search
from deskapp.i18n import _
from deskapp.widgets.script_answer import AnswerRow


class ScriptsPanel(Vertical):
    DEFAULT_CSS = """
    ScriptsPanel { height: 1fr; border: round $secondary; }
    ScriptsPanel #script-search { height: 1; border: none; padding: 0 1; background: $boost; }
    ScriptsPanel #script-search:focus { background: $primary 30%; }
    ScriptsPanel #script-matches { height: auto; max-height: 6; border: none; background: transparent; }
    ScriptsPanel #script-decision { text-style: bold; height: auto; margin-top: 1; }
    ScriptsPanel #script-decision.closes { color: $success; }
    ScriptsPanel #script-decision.dispatch { color: $warning; }
    ScriptsPanel #script-decision.undecided { color: $text-muted; text-style: none; }
    ScriptsPanel #script-decision.emergency { color: $error; }
    ScriptsPanel #script-reply { height: auto; color: $text; text-style: italic; }
    ScriptsPanel .script-about { height: auto; color: $text-muted; }
    ScriptsPanel #script-detail { height: 1fr; }
    """

    class Chosen(Message):
        """A script was picked (its category goes on the form) or its answers changed the decision."""

        def __init__(self, script: AnswerScript, decision: Decision, answers: dict[int, bool]) -> None:
            super().__init__()
            self.script = script
            self.decision = decision
            self.answers = answers

    def __init__(self, scripts: tuple[AnswerScript, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scripts = scripts
        self.matches: list[AnswerScript] = list(scripts)
        self.script: AnswerScript | None = None
        self.decision: Decision | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=_("type: leak, lift, noise, card …"), id="script-search")
        yield OptionList(*self._options(), id="script-matches")
        yield VerticalScroll(id="script-detail")

    def on_mount(self) -> None:
        self.border_title = _("Scripts · ctrl+f")

    async def clear(self) -> None:
        """The next call: no script picked, nothing answered."""
        self.script, self.decision = None, None
        await self.query_one("#script-detail", VerticalScroll).remove_children()
        self.query_one("#script-search", Input).value = ""

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
        detail = self.query_one("#script-detail", VerticalScroll)
        await detail.remove_children()
        rows = [AnswerRow(i, q.ask, id=f"q-{i}") for i, q in enumerate(script.questions)]
        about = [Static(Text(text), classes="script-about") for text in (script.symptoms, script.typical) if text]
        await detail.mount(Static(Text.assemble((script.title, "bold"), f" · {script.category}")), *about,
                           Static(Text(_("y yes · n no · Space next · Backspace not asked"), "dim")), *rows,
                           Static("", id="script-decision"), Static("", id="script-reply"),
                           *self._objections(script))
        if rows:
            rows[0].focus()
        self._decide()

    def _objections(self, script: AnswerScript) -> list[Static]:
        return [Static(Text.assemble((_("If the caller {says}:").format(says=o.says), "bold"), f" “{o.reply}”"),
                       classes="script-objection") for o in script.objections]

    @on(AnswerRow.Answered)
    def _answered(self, event: AnswerRow.Answered) -> None:
        event.stop()
        self._decide()

    def answers(self) -> dict[int, bool]:
        return {row.index: row.answer for row in self.query(AnswerRow).results(AnswerRow) if row.answer is not None}

    def _decide(self) -> None:
        if self.script is None:
            return
        answers = self.answers()
        self.decision = decision = decide(self.script, answers, department_label)
        shown = self.query_one("#script-decision", Static)
        shown.update(Text(_decision_words(decision)))
        for outcome in Outcome:
            shown.set_class(decision.outcome is outcome, outcome.value)
        shown.set_class(decision.outcome is Outcome.emergency, "dispatch")
        self.query_one("#script-reply", Static).update(Text(f"“{decision.reply}”" if decision.reply else ""))
        self.post_message(self.Chosen(self.script, decision, answers))

    def _options(self) -> list[Option]:
        return [Option(Text(s.title), id=str(i)) for i, s in enumerate(self.matches)]


def _decision_words(decision: Decision) -> str:
    """The judgement as the panel shows it: what to do, and for an emergency whom to call now."""
    if decision.outcome is Outcome.undecided:
        return "… " + decision.reason
    if decision.closes:
        return "✔ " + decision.reason + " · " + _("ctrl+o answers and closes")
    said = "➜ " + decision.reason
    if decision.outcome is Outcome.emergency and decision.department:
        phone = department_phone(decision.department)
        named = department_label(decision.department) or decision.department
        said += "\n" + (_("Call {department} now: {phone}").format(department=named, phone=phone) if phone
                        else _("Call {department} now").format(department=named))
    return said
