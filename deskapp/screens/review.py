"""The month's management review (SOP 3.6.2), opened from the statistics with `v`: the major
complaints received in the month and those a supervisor put on the list, each with where it stands,
its outcome and the review's conclusion, as `deskapp review` lists them.

`n` records the review's conclusion on the highlighted complaint: a supervisor's step
(permissions.toml's `review`), refused at once, naming who may, for anyone else, before anything is
asked; the writer checks again. Enter opens the case; ← → step the months.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from deskapp.desk.review import conclude_review
from deskapp.i18n import N_, _, ngettext
from deskapp.models import Case
from deskapp.reads.review import Reviewed, review_list
from deskapp.reads.statistics import month
from deskapp.screens.action_table import Action, Ask
from deskapp.screens.actions import CaseActions
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter
from deskapp.words import display
from deskapp.words.labels import label
from deskapp.words.widths import clip

HEADINGS = (N_("#"), N_("received"), N_("why on the list"), N_("status"), N_("what"), N_("outcome"),
            N_("review's conclusion"))
CELL = 22  # so that the seven columns fit 120 cells; a long outcome or conclusion is clipped in its cell and read whole under the table

# Its name is the step the permissions name: the refusal says who may record a conclusion.
CONCLUDE = Action("review", N_("Review conclusion"), "n", N_("case {number}: the management review's conclusion recorded"),
                  (Ask("conclusion", N_("The review's conclusion")),),
                  lambda d, c, by, v, ver: conclude_review(d, c, v.get("conclusion", ""), by=by))


@dataclass
class ReviewLoaded(Message, bubble=False):
    first: date
    found: list[Reviewed]


def why_listed(r: Reviewed) -> str:
    return _("flagged: {reason}").format(reason=r.flagged) if r.flagged is not None else label(r.case.severity)


def conclusion_words(r: Reviewed) -> str:
    if not r.conclusion:
        return _("not yet reviewed")
    return _("concluded by {name}: {text}").format(name=r.concluded_by, text=r.conclusion)


class ReviewScreen(CaseActions, Screen):
    DEFAULT_CSS = """
    ReviewScreen #review-title { height: auto; margin: 1 1 0 1; text-style: bold; }
    ReviewScreen #review-list { height: auto; max-height: 1fr; margin: 0 1; }
    ReviewScreen #review-whole { height: auto; margin: 1 1 1 1; }
    """
    BINDINGS = [
        Binding("n", "conclude", N_("Conclusion"), id="review.conclude",
                tooltip=N_("Record the review's conclusion on the highlighted complaint (a supervisor)")),
        Binding("enter", "open_case", N_("Open case"), id="review.open_case", priority=True,
                tooltip=N_("Open the highlighted complaint")),
        # Priority: the table would otherwise take left and right to scroll its columns.
        Binding("left", "step(-1)", N_("Earlier"), id="review.earlier", priority=True, tooltip=N_("The month before")),
        Binding("right", "step(1)", N_("Later"), id="review.later", priority=True, tooltip=N_("The month after")),
        Binding("escape", "app.pop_screen", N_("Back"), id="review.back", tooltip=N_("Back to the statistics")),
    ]

    def __init__(self, desk: Desk, operator: str | None, anchor: date) -> None:
        super().__init__()
        self.desk, self.operator = desk, operator
        self.first = anchor.replace(day=1)
        self.found: list[Reviewed] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-title")
        yield DataTable(id="review-list", cursor_type="row", zebra_stripes=True)
        yield Static("", id="review-whole")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Management review")
        self.query_one(DataTable).add_columns(*(_(h) for h in HEADINGS))
        self.load()

    def load(self) -> None:
        self.query_one("#review-title", Static).update(Text(_("Management review, {month}: loading…").format(
            month=f"{self.first:%Y-%m}")))
        self._read(self.first)

    @work(thread=True, exclusive=True, exit_on_error=False, group="review-load")
    def _read(self, first: date) -> None:
        period = month(first.year, first.month, self.desk.calendar.tz)
        self.post_message(ReviewLoaded(first, review_list(self.desk, period.start, period.end)))

    @on(ReviewLoaded)
    def _loaded(self, event: ReviewLoaded) -> None:
        if event.first != self.first:  # the supervisor stepped on meanwhile
            return
        self.found = event.found
        shown = f"{event.first:%Y-%m}"
        self.query_one("#review-title", Static).update(Text(
            ngettext("Management review, {month}: {n} complaint", "Management review, {month}: {n} complaints",
                     len(self.found)).format(month=shown, n=len(self.found)) if self.found
            else _("no complaints for the management review in {month}").format(month=shown)))
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        tz, now = self.desk.calendar.tz, self.desk.now()
        for r in self.found:
            c = r.case
            table.add_row(str(c.id), display.when(c.received_at, tz, now), Text(clip(why_listed(r), CELL)),
                          label(c.status), Text(clip(c.what, CELL)), Text(clip(c.outcome or "", CELL)),
                          Text(clip(conclusion_words(r), CELL)), key=str(c.id))
        if self.found:
            table.move_cursor(row=min(max(row, 0), len(self.found) - 1))
            table.focus()
        self._show_whole()

    @on(DataTable.RowHighlighted)
    def _show_whole(self) -> None:
        """The highlighted complaint's outcome and conclusion in full: a cell holds only the start."""
        r = self.reviewed()
        words = "" if r is None else "\n".join((
            _("Case {number}: {what}").format(number=r.case.id, what=r.case.what),
            _("Outcome: {outcome}").format(outcome=r.case.outcome or "–"), conclusion_words(r)))
        self.query_one("#review-whole", Static).update(Text(words))

    def reviewed(self) -> Reviewed | None:
        row = self.query_one(DataTable).cursor_row
        return self.found[row] if self.found and 0 <= row < len(self.found) else None

    def case_in_hand(self) -> Case | None:
        r = self.reviewed()
        return r.case if r else None

    def after_action(self, view) -> None:
        self.load()

    def action_conclude(self) -> None:
        case = self.case_in_hand()
        if case is None:
            self.notify(_("no complaint on the list to conclude"), severity="warning", markup=False)
            return
        self._ask_if_allowed(CONCLUDE.name, CONCLUDE, case)

    def action_open_case(self) -> None:
        case = self.case_in_hand()
        if case is not None:
            self.app.open_case(case.id)

    def action_step(self, months: int) -> None:
        index = self.first.year * 12 + self.first.month - 1 + months
        self.first = date(index // 12, index % 12 + 1, 1)
        self.load()
