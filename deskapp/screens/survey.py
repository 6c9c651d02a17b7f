"""Entering a satisfaction survey's returns (the building manual's 三): one line a tenant company, typed
as the questionnaires are counted, with the round's coverage, return and satisfaction against the
manual's targets under the list.

Company, head count, sent, returned, satisfied, partly, unsatisfied: Tab between them, Enter saves the
line (a head count left empty comes from the company's earlier round; a satisfaction left empty keeps
what the line had). Enter on a line of the list brings it back into the form to correct it. A refusal
is shown beside the field it is about, and what was typed stays.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from deskapp.config.surveys import survey_targets
from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _, pgettext
from deskapp.output.survey_report import headers, line_cells, verdicts
from deskapp.reads.survey_figures import RoundFigures, round_figures
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.screens.survey_rounds import ROUND_BINDINGS, SurveyRounds
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter
from deskapp.words import display

# The form's fields in Tab order: (name, label, width in cells). The counts are whole numbers.
FIELDS = (("company", N_("Company"), 22), ("staff", N_("Head count"), 11), ("sent", N_("Sent"), 10),
          ("returned", N_("Returned"), 10), ("satisfied", N_("Satisfied"), 11), ("partly", N_("Partly"), 10),
          ("unsatisfied", N_("Unsatisfied"), 13))
COUNTS = tuple(name for name, _label, _width in FIELDS[1:])
FORM_WIDTH = sum(width + 1 for _name, _label, width in FIELDS) + 2


@dataclass
class RoundLoaded(Message, bubble=False):
    figures: RoundFigures | None


@dataclass
class LineSaved(Message, bubble=False):
    typed: dict[str, str]  # the form as it was saved: fields still holding it are cleared
    said: str  # what the desk says about it (a head count carried from an earlier round)


@dataclass
class LineRefused(Message, bubble=False):
    problem: str
    field: str | None


class SurveyScreen(SurveyRounds, PassesOnWorkerFailures, Screen):
    # The seven fields side by side need this many columns; below it they stand in two rows of four.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (FORM_WIDTH, "-wide")]
    DEFAULT_CSS = """
    SurveyScreen #survey-title { height: auto; margin: 1 1 0 1; text-style: bold; }
    SurveyScreen #survey-lines { height: 1fr; margin: 0 1; }
    SurveyScreen #survey-figures { height: auto; margin: 0 1; }
    SurveyScreen #survey-form { height: auto; margin: 1 1 0 1; }
    SurveyScreen #survey-form > Vertical { height: auto; width: auto; margin-right: 1; }
    SurveyScreen.-narrow #survey-form { layout: grid; grid-size: 4; grid-rows: auto; grid-columns: 23 12 14 11; }
    SurveyScreen #survey-form Input.-invalid { border: tall $error; }
    SurveyScreen #survey-said { height: auto; margin: 0 1 1 1; }
    SurveyScreen #survey-said.-problem { color: $error; text-style: bold; }
    """ + "\n".join(f"SurveyScreen #survey-{name} {{ width: {width}; }}" for name, _label, width in FIELDS)
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save line"), id="survey.save", priority=True,
                tooltip=N_("Save the company's line (Enter in the form does the same)")),
        *ROUND_BINDINGS,  # Ctrl+N starts a round, Ctrl+L closes it (screens/survey_rounds.py)
        Binding("escape", "app.pop_screen", N_("Back"), id="survey.back", tooltip=N_("Back to the desk")),
    ]

    def __init__(self, desk: Desk, operator: str | None = None):
        super().__init__()
        self.desk, self.operator = desk, operator
        self.figures: RoundFigures | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="survey-title")
        yield DataTable(id="survey-lines", cursor_type="row", zebra_stripes=True)
        yield Static("", id="survey-figures")
        with Horizontal(id="survey-form"):
            for name, label, _width in FIELDS:
                with Vertical():
                    yield Label(_(label))
                    kind = "text" if name == "company" else "integer"
                    yield Input(id=f"survey-{name}", type=kind, max_length=120 if name == "company" else 7)
        yield Static(_("Tab between the fields, Enter saves the line; Enter on a line above corrects it"),
                     id="survey-said")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Satisfaction survey")
        self.query_one("#survey-lines", DataTable).add_columns(*headers())
        self.query_one("#survey-company", Input).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="survey-load")
    def load(self) -> None:
        self.post_message(RoundLoaded(round_figures(self.desk)))

    @on(RoundLoaded)
    def _loaded(self, event: RoundLoaded) -> None:
        self.figures = f = event.figures
        tz, now = self.desk.calendar.tz, self.desk.now()
        title = self.query_one("#survey-title", Static)
        table = self.query_one("#survey-lines", DataTable)
        table.clear()
        if f is None or f.closed_at is not None:
            title.update(Text(_("no survey round is open; a supervisor starts one with Ctrl+N")))
        else:
            title.update(Text(_("Survey round {name}, {state}").format(
                name=f.name, state=_("open since {when}").format(when=display.when(f.started_at, tz, now)))))
        if f is None:
            self.query_one("#survey-figures", Static).update("")
            return
        for company, counts in f.lines:
            table.add_row(*(Text(cell) for cell in line_cells(company, counts)), key=company)
        if f.lines:
            table.add_row(*(Text(cell, style="bold") for cell in line_cells(pgettext("survey", "all companies"), f.total)))
        self.query_one("#survey-figures", Static).update(Text("\n".join(verdicts(f.total, survey_targets()))))

    def typed(self) -> dict[str, str]:
        return {name: self.query_one(f"#survey-{name}", Input).value for name, _label, _width in FIELDS}

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        typed = self.typed()
        for field in self.query("#survey-form Input"):
            field.remove_class("-invalid")
        if not typed["sent"].strip() or not typed["returned"].strip():
            missing = "sent" if not typed["sent"].strip() else "returned"
            self._refused(_("say how many questionnaires were sent and how many returned"), missing)
            return
        numbers: dict[str, int | None] = {}
        for name in COUNTS:
            try:
                numbers[name] = int(typed[name]) if typed[name].strip() else None
            except ValueError:  # a lone "-": the field takes digits and a sign
                self._refused(_("{text!r} is not a whole number").format(text=typed[name]), name)
                return
        self._save(typed, numbers)

    @work(thread=True, exclusive=True, exit_on_error=False, group="survey-save")
    def _save(self, typed: dict[str, str], numbers: dict[str, int | None]) -> None:
        from deskapp.desk.surveys import record_line  # the writer, loaded when a line is first saved

        try:
            done = record_line(self.desk, typed["company"], sent=numbers["sent"] or 0,
                               returned=numbers["returned"] or 0, satisfied=numbers["satisfied"],
                               partly=numbers["partly"], unsatisfied=numbers["unsatisfied"], staff=numbers["staff"],
                               by=self.operator)
        except DeskError as e:
            self.post_message(LineRefused(e.message, e.field))
            return
        said = _("{company} saved").format(company=done.line.company)
        if done.staff_from:
            said = _("{company} saved; head count {staff} carried from round {name}").format(
                company=done.line.company, staff=done.line.staff, name=done.staff_from)
        self.post_message(LineSaved(typed, said))
        self.post_message(RoundLoaded(round_figures(self.desk)))

    @on(LineSaved)
    def _saved(self, event: LineSaved) -> None:
        # Only what still holds the saved line is cleared: whatever was typed since is kept.
        for name, value in event.typed.items():
            field = self.query_one(f"#survey-{name}", Input)
            if field.value == value:
                field.value = ""
        said = self.query_one("#survey-said", Static)
        said.remove_class("-problem")
        said.update(Text(event.said))
        if all(not v for v in self.typed().values()):
            self.query_one("#survey-company", Input).focus()

    @on(LineRefused)
    def _line_refused(self, event: LineRefused) -> None:
        self._refused(event.problem, event.field)

    def tell(self, words: str, problem: bool = False) -> None:
        said = self.query_one("#survey-said", Static)
        said.set_class(problem, "-problem")
        said.update(Text(words))

    def _refused(self, problem: str, field: str | None) -> None:
        self.tell(problem, True)
        name = field if field in {n for n, _l, _w in FIELDS} else None
        if name:
            target = self.query_one(f"#survey-{name}", Input)
            target.add_class("-invalid")
            target.focus()

    @on(DataTable.RowSelected, "#survey-lines")
    def _correct(self, event: DataTable.RowSelected) -> None:
        """A company's line back in the form, to correct what was counted."""
        if self.figures is None or event.row_key.value is None:
            return
        lines = dict(self.figures.lines)
        counts = lines.get(event.row_key.value)
        if counts is None:
            return
        self.query_one("#survey-company", Input).value = event.row_key.value
        for name in COUNTS:
            self.query_one(f"#survey-{name}", Input).value = str(getattr(counts, name))
        self.query_one("#survey-sent", Input).focus()
