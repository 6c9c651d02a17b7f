"""Sign-in: who is at the desk, and which shift. The operator owns what they record."""

from __future__ import annotations

from rich.text import Text
from sqlmodel import select
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from deskapp.desk.access import sign_in
from deskapp.domain.enums import Role
from deskapp.domain.errors import DeskError
from deskapp.domain.shifts import Shift, shift_at
from deskapp.i18n import N_, _, chinese
from deskapp.models import Staff
from deskapp.store.context import Desk
from deskapp.widgets.footer import DeskFooter
from deskapp.widgets.quick_select import QuickSelect
from deskapp.words.labels import label, shift_label

_DESK_FIRST = [Role.receptionist, Role.night_duty, Role.supervisor, Role.department_manager,
               Role.project_manager, Role.staff]
# The shifts as the sign-in offers them; in Chinese 白班 / 夜班, taken by b / y (their pinyin).
SHIFT_PINYIN = {Shift.day: "baiban", Shift.night: "yeban"}


class SignInScreen(Screen):
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
            yield Static("", id="sign-in-error")
            yield Static(Text(_("d / n choose the shift · ctrl+s signs in"), style="dim"), classes="hint")
        yield DeskFooter()

    def on_mount(self) -> None:
        self.title = _("Sign in")
        self.query_one("#sign-in-pin").display = False
        self.load_staff()

    @work(thread=True)
    def load_staff(self) -> None:
        with self.desk.reading() as session:
            rows = session.exec(select(Staff).where(Staff.active).order_by(Staff.name)).all()
        # The desk's own people first: they are the ones who sign in at the start of every shift.
        rows = sorted(rows, key=lambda s: _DESK_FIRST.index(s.role))
        people = [(s.name, label(s.role), bool(s.pin_hash)) for s in rows]
        self.app.call_from_thread(self._show_staff, people)

    def _show_staff(self, people: list[tuple[str, str, bool]]) -> None:
        self.people = people
        options = self.query_one(OptionList)
        options.add_options([Option(Text(" · ".join([name, role] + ([_("PIN")] if pin else []))), id=name)
                             for name, role, pin in people])
        options.highlighted = 0
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

    @work(thread=True, exclusive=True)
    def check(self, name: str, pin: str | None, shift: Shift) -> None:
        try:
            person = sign_in(self.desk, name, pin)
        except DeskError as e:
            self.app.call_from_thread(self._refused, e.message)
            return
        self.app.call_from_thread(self.app.signed_in, person.name, shift)

    def _refused(self, message: str) -> None:
        self.query_one("#sign-in-error", Static).update(Text(message))
        pin = self.query_one("#sign-in-pin", Input)
        pin.value = ""
        if pin.display:
            pin.focus()
