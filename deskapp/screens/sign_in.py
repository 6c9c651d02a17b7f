"""Sign-in: who is at the desk, and which shift. The operator owns what they record."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from deskapp.config.last_operator import last_operator, remember_operator
from deskapp.config.permissions import permissions
from deskapp.desk.access import FirstPinNeeded, set_pin, sign_in
from deskapp.domain.errors import DeskError
from deskapp.domain.shifts import Shift, shift_at
from deskapp.i18n import N_, _, chinese
from deskapp.reads.staff import who_signs_in
from deskapp.screens.error_dialog import PassesOnWorkerFailures
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter
from deskapp.widgets.quick_select import QuickSelect
from deskapp.words.labels import label, shift_label

# The shifts as the sign-in offers them; in Chinese 白班 / 夜班, taken by b / y (their pinyin).
SHIFT_PINYIN = {Shift.day: "baiban", Shift.night: "yeban"}


@dataclass
class StaffLoaded(Message, bubble=False):
    people: list[tuple[str, str, bool]]  # name, role, has a PIN
    last: str | None = None  # who last signed in at this terminal


@dataclass
class SignInAnswered(Message, bubble=False):
    name: str
    shift: Shift
    refusal: str | None = None
    first_pin: bool = False  # an accountable desk, and this person has no PIN yet: they choose one now


class SignInScreen(PassesOnWorkerFailures, Screen):
    DEFAULT_CSS = """
    SignInScreen > Vertical { width: 70; height: 1fr; margin: 1 2; }
    /* The list gives up rows on a short terminal (80x24), so the shift, PIN and hint stay on screen. */
    SignInScreen OptionList { height: 1fr; max-height: 16; min-height: 4; }
    SignInScreen #sign-in-error { color: $error; margin-top: 1; }
    SignInScreen .hint { color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "sign_in", N_("Sign in"), id="sign_in.sign_in",
                tooltip=N_("Start your shift as the one chosen")),
        Binding("escape", "app.quit", N_("Quit"), id="sign_in.quit", tooltip=N_("Leave the app")),
    ]

    def __init__(self, desk: Desk):
        super().__init__()
        self.desk = desk
        self.people: list[tuple[str, str, bool]] = []  # name, role, has a PIN

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Label(_("Who is at the desk? (↑↓ then Enter)"))
            yield OptionList(id="sign-in-staff")
            yield Label(_("Shift"))
            shift = shift_at(self.desk.calendar, self.desk.now())
            yield QuickSelect([(shift_label(s, short=True), s) for s in Shift], allow_blank=False, value=shift,
                              id="sign-in-shift", keys=SHIFT_PINYIN if chinese() else None)
            yield Input(placeholder=_("PIN"), password=True, id="sign-in-pin")
            # A person without a PIN on a desk that has PINs chooses theirs at this first sign-in.
            yield Input(placeholder=_("new PIN ({n} digits)").format(n=permissions().pins.digits), password=True,
                        id="sign-in-new", classes="first-pin")
            yield Input(placeholder=_("the same PIN again"), password=True, id="sign-in-again", classes="first-pin")
            yield Static("", id="sign-in-error")
            yield Static(Text(_("d / n choose the shift · ctrl+s signs in"), style="dim"), classes="hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Sign in")
        self.query_one("#sign-in-pin").display = False
        self._first_pin(False)
        self.load_staff()

    @work(thread=True, exit_on_error=False)
    def load_staff(self) -> None:
        people = [(name, label(role), pin) for name, role, pin in who_signs_in(self.desk)]
        self.post_message(StaffLoaded(people, last_operator()))

    @on(StaffLoaded)
    def _show_staff(self, event: StaffLoaded) -> None:
        self.people = people = event.people
        options = self.query_one(OptionList)
        options.add_options([Option(Text(" · ".join([name, role] + ([_("PIN")] if pin else []))), id=name)
                             for name, role, pin in people])
        # The last to sign in here is most likely the one back at the desk; someone no longer on the
        # staff list leaves the list at its top.
        names = [name for name, _role, _pin in people]
        options.highlighted = names.index(event.last) if event.last in names else 0
        options.focus()

    def _chosen(self) -> tuple[str, bool] | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.people:
            return None
        name, _, pin = self.people[options.highlighted]
        return name, pin

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        chosen = self._chosen()
        self.query_one("#sign-in-pin").display = bool(chosen and chosen[1])
        self._first_pin(False)
        self.query_one("#sign-in-error", Static).update("")

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        chosen = self._chosen()
        if chosen and chosen[1]:
            self.query_one("#sign-in-pin", Input).focus()
        else:
            self.action_sign_in()

    @on(Input.Submitted, "#sign-in-pin")
    def action_sign_in(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            self.query_one("#sign-in-error", Static).update(_("choose who you are from the list"))
            return
        shift = self.query_one("#sign-in-shift", QuickSelect).value
        self.check(chosen[0], self.query_one("#sign-in-pin", Input).value or None, Shift(shift))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def check(self, name: str, pin: str | None, shift: Shift) -> None:
        try:
            person = sign_in(self.desk, name, pin)
        except FirstPinNeeded:
            self.post_message(SignInAnswered(name, shift, _("{name} has no PIN yet: choose one of {n} digits and type "
                                                            "it twice").format(name=name, n=permissions().pins.digits),
                                             first_pin=True))
            return
        except DeskError as e:
            self.post_message(SignInAnswered(name, shift, e.message))
            return
        remember_operator(person.name)
        self.post_message(SignInAnswered(person.name, shift))

    @on(SignInAnswered)
    def _answered(self, event: SignInAnswered) -> None:
        if event.refusal is None:
            self.app.signed_in(event.name, event.shift)
        elif event.first_pin:
            self.query_one("#sign-in-error", Static).update(Text(event.refusal))
            self._first_pin(True)
            self.query_one("#sign-in-new", Input).focus()
        else:
            self._refused(event.refusal)

    def _first_pin(self, shown: bool) -> None:
        for box in self.query(".first-pin").results(Input):
            box.display = shown
            box.value = ""

    @on(Input.Submitted, "#sign-in-new")
    def _new_typed(self) -> None:
        self.query_one("#sign-in-again", Input).focus()

    @on(Input.Submitted, "#sign-in-again")
    def _first_pin_chosen(self) -> None:
        chosen = self._chosen()
        new, again = self.query_one("#sign-in-new", Input).value, self.query_one("#sign-in-again", Input).value
        if chosen is None:
            return
        if new != again:
            self.query_one("#sign-in-error", Static).update(_("the two PINs differ; type them again"))
            self._first_pin(True)
            self.query_one("#sign-in-new", Input).focus()
            return
        self.choose_first_pin(chosen[0], new, Shift(self.query_one("#sign-in-shift", QuickSelect).value))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def choose_first_pin(self, name: str, pin: str, shift: Shift) -> None:
        try:
            set_pin(self.desk, name, pin, first_sign_in=True)
            person = sign_in(self.desk, name, pin)
        except DeskError as e:
            self.post_message(SignInAnswered(name, shift, e.message, first_pin=True))
            return
        remember_operator(person.name)
        self.post_message(SignInAnswered(person.name, shift))

    def _refused(self, message: str) -> None:
        self.query_one("#sign-in-error", Static).update(Text(message))
        pin = self.query_one("#sign-in-pin", Input)
        pin.value = ""
        if pin.display:
            pin.focus()
