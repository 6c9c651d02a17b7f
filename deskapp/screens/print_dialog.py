"""Printing a case's paper record from the case detail (`d`): the forms that apply to the case, one
chosen with Enter or its number, written as PDF (to print and sign) and HTML (for the browser) in the
desk's prints folder (deskapp.output.case_prints).

The forms are read and written in workers; a key pressed before the list has come is kept and acted
on when it comes. Printing that takes more than a second shows a spinner; a refusal (no font to print
with, a folder that cannot be written) is said in the dialog, which stays open to try again.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import LoadingIndicator, OptionList, Static
from textual.widgets.option_list import Option

from deskapp.domain.errors import DeskError
from deskapp.i18n import N_, _
from deskapp.output.case_prints import Printed, applicable_forms, form_title, print_case, prints_dir
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk

SPINNER_AFTER = 1.0  # seconds: a print quicker than this shows no spinner, only its line
TELL_SECONDS = 20  # the folder's path is long: time to read it, or to copy it


@dataclass
class FormsFound(Message, bubble=False):
    forms: list[str]
    refusal: str | None = None


@dataclass
class PrintDone(Message, bubble=False):
    printed: Printed | None
    refusal: str | None = None


def printed_words(printed: Printed) -> str:
    """What the operator is told: where the PDF to print is, and its copy for the browser."""
    return _("{form} written to {pdf} (open it to print and sign); for the browser: {html}").format(
        form=printed.title, pdf=printed.pdf, html=printed.html)


class PrintDialog(PassesOnWorkerFailures, ModalScreen[Printed | None]):
    """Dismissed with what was written, or None when nothing was."""

    DEFAULT_CSS = """
    PrintDialog { align: center middle; }
    PrintDialog > Vertical { width: 80; height: auto; border: thick $primary; padding: 1 2; background: $surface; }
    PrintDialog #print-title { text-style: bold; margin-bottom: 1; }
    PrintDialog #print-forms { height: auto; max-height: 6; }
    PrintDialog #print-said { height: auto; margin-top: 1; }
    PrintDialog #print-said.-problem { color: $error; text-style: bold; }
    PrintDialog LoadingIndicator { height: 1; }
    PrintDialog #print-keys { margin-top: 1; color: $text-muted; }
    """
    BINDINGS = [
        # Priority: Enter typed before the forms are listed is kept, not lost in an empty list.
        Binding("enter", "choose", N_("Print"), id="print.print", priority=True,
                tooltip=N_("Print the highlighted form, as PDF and HTML")),
        Binding("1", "choose_at(0)", N_("First form"), id="print.first_form", show=False,
                tooltip=N_("Print the first form of the list")),
        Binding("2", "choose_at(1)", N_("Second form"), id="print.second_form", show=False,
                tooltip=N_("Print the second form of the list")),
        Binding("3", "choose_at(2)", N_("Third form"), id="print.third_form", show=False,
                tooltip=N_("Print the third form of the list")),
        Binding("escape", "cancel", N_("Cancel"), id="print.cancel", tooltip=N_("Print nothing")),
    ]

    def __init__(self, desk: Desk, case_id: int) -> None:
        super().__init__()
        self.desk, self.case_id = desk, case_id
        self.forms: list[str] | None = None  # None until read
        self.waiting: int | None = None  # the form's place chosen before the list came (-1: the highlighted)
        self.printing = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_("Print case {number}: which form?").format(number=self.case_id)), id="print-title")
            yield OptionList(id="print-forms")
            yield LoadingIndicator()
            yield Static(Text(_("finding the forms of the case…")), id="print-said")
            yield Static(Text(_("Enter or its number prints it, as PDF and HTML in {folder} · Esc to cancel").format(
                folder=prints_dir(self.desk))), id="print-keys")

    def on_mount(self) -> None:
        self.query_one(LoadingIndicator).display = False
        self.find_forms()

    @work(thread=True, exclusive=True, exit_on_error=False, group="print-forms")
    def find_forms(self) -> None:
        try:
            self.post_message(FormsFound(applicable_forms(self.desk, self.case_id)))
        except DeskError as refusal:
            self.post_message(FormsFound([], refusal.message))

    @on(FormsFound)
    def _found(self, event: FormsFound) -> None:
        self.forms = event.forms
        listed = self.query_one(OptionList)
        listed.add_options([Option(f"{n}  {form_title(form)}", id=form) for n, form in enumerate(event.forms, 1)])
        listed.highlighted = 0 if event.forms else None
        listed.focus()
        if event.refusal:
            self._say(event.refusal, problem=True)
            return
        self._say("")
        if self.waiting is not None:
            self._print_at(self.waiting)

    def action_choose(self) -> None:
        self._print_at(-1)

    def action_choose_at(self, place: int) -> None:
        self._print_at(place)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._print_at(event.option_index)

    def _print_at(self, place: int) -> None:
        if self.printing:
            return
        if self.forms is None:
            self.waiting = place  # typed ahead of the list: done when it comes
            return
        self.waiting = None
        if place < 0:
            place = self.query_one(OptionList).highlighted or 0
        if not 0 <= place < len(self.forms):
            self._say(_("there is no form {number} for this case").format(number=place + 1), problem=True)
            return
        self.printing = True
        self._say(_("printing the {form}…").format(form=form_title(self.forms[place])))
        self.set_timer(SPINNER_AFTER, self._spin)
        self.write_form(self.forms[place])

    def _spin(self) -> None:
        if self.printing:
            self.query_one(LoadingIndicator).display = True

    @work(thread=True, exclusive=True, exit_on_error=False, group="print-write")
    def write_form(self, form: str) -> None:
        try:
            printed = print_case(self.desk, self.case_id, form)
        except DeskError as refusal:
            self.post_message(PrintDone(None, refusal.message))
            return
        except Exception:  # shown by the app's failure dialog; the dialog stays answerable
            self.post_message(PrintDone(None, _("the form could not be printed")))
            raise
        self.post_message(PrintDone(printed))

    @on(PrintDone)
    def _done(self, event: PrintDone) -> None:
        self.printing = False
        self.query_one(LoadingIndicator).display = False
        if event.printed is None:
            self._say(event.refusal or "", problem=True)
            return
        self.dismiss(event.printed)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _say(self, words: str, problem: bool = False) -> None:
        said = self.query_one("#print-said", Static)
        said.set_class(problem, "-problem")
        said.update(Text(words))


def open_print_dialog(screen, desk: Desk, case_id: int) -> None:
    """The dialog over `screen`; what was written is said there, long enough to read the path."""
    def tell(printed: Printed | None) -> None:
        if printed is not None:
            screen.notify(printed_words(printed), title=_("Printed"), timeout=TELL_SECONDS, markup=False)

    screen.app.push_screen(PrintDialog(desk, case_id), tell)
