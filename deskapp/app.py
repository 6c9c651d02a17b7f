"""The desk app: a Textual application over the desk's services."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from deskapp.commands import CaseCommands
from deskapp.desk.context import Desk
from deskapp.domain.shifts import Shift, shift_at
from deskapp.screens.home import HomeScreen


STATUS_SECONDS = 20


class DeskApp(App):
    # Every screen's palette can go to a case by its number.
    COMMANDS = App.COMMANDS | {CaseCommands}
    TITLE = "deskapp"
    SUB_TITLE = "customer-service desk"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    BINDINGS = [
        Binding("f2", "open_intake", "Intake", id="intake"),
        Binding("f3", "open_queue", "Queue", id="queue"),
        Binding("f4", "open_callbacks", "Callbacks", id="callbacks"),
        Binding("f5", "open_handover", "Handover", id="handover"),
        Binding("f6", "open_statistics", "Statistics", id="statistics"),
        Binding("f7", "open_history", "History", id="history"),
        Binding("ctrl+q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, desk: Desk, operator: str | None = None, shift: Shift | None = None):
        super().__init__()
        self.desk = desk
        # The operator on shift owns what they record (first-responder ownership). Without one,
        # the app opens on the sign-in screen.
        self.operator = operator
        self.shift = shift or shift_at(desk.calendar, desk.now())

    def on_mount(self) -> None:
        # What start-up built (modules, styles, the first screen) lives for the whole shift; frozen,
        # the garbage collector stops walking it again and again, which showed as slower screens.
        gc.freeze()
        self.show_status()
        self.set_interval(STATUS_SECONDS, self.show_status)

    def get_default_screen(self) -> Screen:
        if self.operator is None:
            from deskapp.screens.sign_in import SignInScreen

            return SignInScreen(self.desk)
        return self._shift_screen()

    def _shift_screen(self) -> Screen:
        if self.shift is Shift.night:
            from deskapp.screens.night import NightScreen

            return NightScreen(self.desk, self.operator)
        return HomeScreen(self.desk)

    def signed_in(self, operator: str, shift: Shift) -> None:
        self.operator, self.shift = operator, shift
        self.show_status()
        # The sign-in screen is the app's first screen, which Textual cannot switch away from:
        # the shift's screen goes on top of it, and has no key that goes back.
        self.push_screen(self._shift_screen())

    def show_status(self) -> None:
        """Who is signed in, the shift, and the desk's time, on every screen's header."""
        now = self.desk.now().astimezone(self.desk.calendar.tz)
        who = f"{self.operator} · {self.shift.value} shift" if self.operator else "not signed in"
        self.sub_title = f"{who} · {now:%a %d %b %H:%M}"

    def _go_to(self, screen) -> None:
        """F2..F7 go to a screen from wherever the desk is: back to the shift's own screen first,
        so Esc always returns there instead of walking back through every screen visited."""
        from deskapp.screens.night import NightScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, (HomeScreen, NightScreen)):
            self.pop_screen()
        self.push_screen(screen)

    # Screens are imported when first opened, so the app starts on what the home screen needs.
    def action_open_intake(self) -> None:
        from deskapp.screens.intake import IntakeScreen

        self._go_to(IntakeScreen(self.desk, self.operator))

    def action_open_queue(self) -> None:
        from deskapp.screens.queue import QueueScreen

        self._go_to(QueueScreen(self.desk, self.operator))

    def action_open_callbacks(self) -> None:
        from deskapp.screens.callbacks import CallbacksScreen

        self._open_kept("callbacks", lambda: CallbacksScreen(self.desk, self.operator))

    def action_open_handover(self) -> None:
        from deskapp.screens.handover import HandoverScreen

        self._go_to(HandoverScreen(self.desk, self.operator))

    def action_open_statistics(self) -> None:
        from deskapp.screens.statistics import StatisticsScreen

        self._go_to(StatisticsScreen(self.desk, self.operator))

    def action_open_history(self) -> None:
        from deskapp.screens.history import HistoryScreen

        self._go_to(HistoryScreen(self.desk, self.operator))

    def _open_kept(self, name: str, build) -> None:
        """Lists the desk returns to all day are built once and kept: building a screen costs more
        than reloading its rows, which the screen does each time it comes back."""
        if not self.is_screen_installed(name):
            self.install_screen(build(), name)
        self._go_to(name)

    def open_case(self, case_id: int) -> None:
        from deskapp.screens.case_detail import CaseDetailScreen

        self.push_screen(CaseDetailScreen(self.desk, case_id, self.operator))
