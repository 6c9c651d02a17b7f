"""The desk app: a Textual application over the desk's services."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from math import inf
from pathlib import Path
from time import monotonic

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from deskapp.config.keymap import KeymapError, check_clashes, check_ids, read_keymap
from deskapp.domain.shifts import Shift, shift_at
from deskapp.i18n import N_, _
from deskapp.palette import CaseCommands, DeskCommands
from deskapp.screens.changes import HearsOtherDesks
from deskapp.screens.home import HomeScreen
from deskapp.screens.kept import KeepsScreensReady
from deskapp.screens.retime_on_start import OffersRetimeOnStart
from deskapp.store.context import Desk
from deskapp.textual_compat import KeysInOrder, WordedCommandPalette
from deskapp.words import display
from deskapp.words.labels import shift_label

STATUS_SECONDS = 20
# The same failure again within this many seconds of its dialog is logged, not shown again: a probe
# that fails every second must not bury the screen in dialogs. An interface timing, not desk policy.
FAILURE_QUIET_SECONDS = 60
KEYMAP_WARNING_SECONDS = 12  # long enough to read a file's name and its problem
BACKUP_WARNING_SECONDS = 12  # the same: the backup's problem, then what to do by hand


# Textual's own words on every screen: the footer's palette key and its tooltip.
TEXTUAL_WORDS = (N_("palette"), N_("Open the command palette"), N_("Search for themes…"))


class DeskCommandPalette(WordedCommandPalette):
    """Textual's command palette with its own words in the desk's language."""

    no_matches = staticmethod(lambda: _("No matches found"))

    def __init__(self, placeholder: str | None = None, **kwargs):
        super().__init__(placeholder=placeholder or _("Search for commands…"), **kwargs)


class DailyBackupDone(Message):
    """The daily backup's outcome, from its worker: the file made (None when today's was already
    there), or what went wrong in plain words."""

    def __init__(self, made: Path | None = None, problem: str | None = None):
        super().__init__()
        self.made, self.problem = made, problem


class DeskApp(OffersRetimeOnStart, HearsOtherDesks, KeepsScreensReady, KeysInOrder, App):
    """Keys are handled in the order typed, each by the field that has the focus when its turn comes,
    and keys typed while a screen opens wait for it (KeysInOrder): a receptionist types at full speed."""

    # Every screen's palette goes to the desk's screens and to a case by its number.
    COMMANDS = App.COMMANDS | {DeskCommands, CaseCommands}
    TITLE = "deskapp"
    SUB_TITLE = N_("customer-service desk")
    CSS_PATH = Path(__file__).parent / "app.tcss"
    BINDINGS = [
        Binding("f2", "open_intake", N_("Intake"), id="app.open_intake", tooltip=N_("Take a call: the intake form")),
        Binding("f3", "open_queue", N_("Queue"), id="app.open_queue",
                tooltip=N_("Every open case, nearest deadline first")),
        Binding("f4", "open_callbacks", N_("Callbacks"), id="app.open_callbacks",
                tooltip=N_("The callbacks due, soonest first")),
        Binding("f5", "open_handover", N_("Handover"), id="app.open_handover",
                tooltip=N_("Write or acknowledge the shift's handover")),
        Binding("f6", "open_statistics", N_("Statistics"), id="app.open_statistics",
                tooltip=N_("The figures of a day, a week or a month")),
        Binding("f7", "open_history", N_("History"), id="app.open_history",
                tooltip=N_("Every case ever recorded, newest first")),
        # Not in the footers (the home screen shows q, the palette has Quit): they have no room.
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", show=False, tooltip=N_("Leave the app")),
    ]

    def __init__(self, desk: Desk, operator: str | None = None, shift: Shift | None = None,
                 keymap: Path | None = None, daily_backup: bool = False, build_ahead: bool = False):
        super().__init__()
        self.sub_title = _(self.SUB_TITLE)
        self.desk = desk
        # The operator's own keys (config/keymap.py); None, as in tests, keeps the desk's own.
        self.keymap_path = keymap
        # The operator on shift owns what they record (first-responder ownership). Without one,
        # the app opens on the sign-in screen.
        self.operator = operator
        self.shift = shift or shift_at(desk.calendar, desk.now())
        self._failures_shown: dict[str, float] = {}  # the words of each failure shown, and when
        # `deskapp` makes the day's backup once the first screen is up; tests and the CLI's other
        # commands do not.
        self.daily_backup = daily_backup
        # `deskapp` builds the intake form as soon as the first screen is up, so that even the first
        # F2 opens at once; tests build it when they first open it, as they would otherwise pay for it.
        self.build_ahead = build_ahead
        self.estimates_warned: set[int] = set()  # the estimated years home has warned of, once each

    def on_mount(self) -> None:
        # What start-up built (modules, styles, the first screen) lives for the whole shift; frozen,
        # the garbage collector stops walking it again and again, which showed as slower screens.
        gc.freeze()
        self.apply_keymap()
        self.show_status()
        self.set_interval(STATUS_SECONDS, self.show_status)
        from deskapp.screens.phone_watch import PhoneWatch  # the telephone: ringing banner and screen pop

        self.phone = PhoneWatch(self, self.desk)
        self.phone.start()
        self.listen_to_other_desks()

    def on_ready(self) -> None:
        # Ready comes once the first screen is on the terminal: the desk can take a call while the
        # backup copies the records (12.9 s at a million cases, all before anything showed).
        if self.daily_backup:
            self.make_daily_backup()
        if self.operator is not None and self.build_ahead and not isinstance(self.screen, HomeScreen):
            self.keep_intake_ready()  # home builds it once its counts and rows are on the terminal
        if self.operator is not None:
            self.check_rules()

    @work(thread=True, exit_on_error=False, group="daily-backup")
    def make_daily_backup(self) -> None:
        """The first start of each day copies the records aside, keeping the policy's number of days."""
        from deskapp.config.paths import backup_dir
        from deskapp.store.faults import fault_of
        from deskapp.upkeep.backup import daily_backup
        from deskapp.upkeep.proof import daily_anchor

        today = self.desk.now().astimezone(self.desk.calendar.tz).strftime("%Y-%m-%d")  # a file name, not a shown date
        try:
            made = daily_backup(self.desk, backup_dir(str(self.desk.engine.url)), self.desk.policy.backups_kept, today)
            daily_anchor(self.desk, backup_dir(str(self.desk.engine.url)), today)  # the day's anchor beside it
        except Exception as e:  # a failed backup must not keep the desk from taking calls
            fault = fault_of(e)
            self.post_message(DailyBackupDone(problem=fault.message if fault else getattr(e, "message", str(e))))
            return
        self.post_message(DailyBackupDone(made=made))

    def on_daily_backup_done(self, done: DailyBackupDone) -> None:
        if done.problem is not None:
            self.notify(_("today's backup could not be made ({problem}); run `deskapp backup` by hand").format(
                problem=done.problem), title=_("Backup"), severity="warning", timeout=BACKUP_WARNING_SECONDS, markup=False)
        elif done.made is not None:  # quiet: said only when a file was made
            self.notify(_("daily backup made: {path}").format(path=done.made), markup=False)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from deskapp.widgets.deadline import deadline_colours

        return deadline_colours(self.current_theme)

    @on(Worker.StateChanged)
    def _worker_failed(self, event: Worker.StateChanged) -> None:
        """The one place a worker's unforeseen failure is shown (screens pass theirs on): a dialog in
        plain words; the app stays up and every form keeps what was typed."""
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.log.error(f"worker {event.worker.name!r} failed", repr(event.worker.error))
            self.show_failure(event.worker.error)

    def show_failure(self, error: BaseException) -> None:
        from deskapp.screens.error_dialog import ErrorDialog, detail, fault_words

        words = fault_words(error)
        if isinstance(self.screen, ErrorDialog) and self.screen.words == words:
            self.screen.happened_again()
            return
        now = monotonic()
        if now - self._failures_shown.get(words, -inf) < FAILURE_QUIET_SECONDS:
            return
        self._failures_shown[words] = now
        self.push_screen(ErrorDialog(words, detail(error)))

    def apply_keymap(self) -> None:
        """The operator's keymap file over the desk's keys; a file that cannot be used is said once,
        plainly, and the usual keys stay (a typo must never leave the desk without its keys)."""
        if self.keymap_path is None:
            return
        try:
            keys = read_keymap(self.keymap_path)
            if keys:  # only then are the screens imported to know their keys
                screens = keys_by_screen()
                check_ids(keys, [i for bindings in screens.values() for i, _key in bindings], self.keymap_path)
                check_clashes(keys, screens, self.keymap_path)
        except KeymapError as problem:
            self.notify(_("{problem}. The usual keys are in use.").format(problem=problem), title=_("Your keys"),
                        severity="warning", timeout=KEYMAP_WARNING_SECONDS, markup=False)
            return
        if keys:
            self.set_keymap(keys)

    async def action_quit(self) -> None:
        """Leave, unless a screen holds a call in the middle of being typed: it asks first (as its Esc does)."""
        for screen in reversed(self.screen_stack):
            asks = getattr(screen, "asks_before_quit", None)
            if asks is not None and asks():
                return
        self.exit()

    def pasted_text(self, text: str) -> str:
        """A paste into a one-line field keeps every line, joined by spaces: Textual's field would keep
        only the first, and an e-mail pasted into What would lose the rest without a word."""
        if isinstance(self.focused, Input) and ("\n" in text or "\r" in text):
            return " ".join(line.strip() for line in text.splitlines() if line.strip())
        return text

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
        if self.build_ahead:
            self.keep_intake_ready()
        self.check_rules()
        # The sign-in screen is the app's first screen, which Textual cannot switch away from:
        # the shift's screen goes on top of it, and has no key that goes back.
        self.push_screen(self._shift_screen())

    def show_status(self) -> None:
        """Who is signed in, the shift, and the desk's time, on every screen's header."""
        now = display.when(self.desk.now(), self.desk.calendar.tz)
        if self.operator:
            self.sub_title = _("{operator} · {shift} · {time}").format(operator=self.operator,
                                                                      shift=shift_label(self.shift), time=now)
        else:
            self.sub_title = _("not signed in · {time}").format(time=now)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing but signing in until someone has: whatever is recorded needs its owner."""
        if self.operator is None and (action.startswith("open_") or action == "command_palette"):
            return False
        return True

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(DeskCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme picker, its words in the desk's language."""
        from textual.theme import ThemeProvider

        self.push_screen(DeskCommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…")))

    def action_show_help_panel(self) -> None:
        """ctrl+p → Keys: Textual's keys panel, with the keys' descriptions translated."""
        from textual.css.query import NoMatches
        from textual.widgets import HelpPanel

        from deskapp.widgets.help_panel import DeskHelpPanel

        try:
            self.screen.query_one(HelpPanel)
        except NoMatches:
            self.screen.mount(DeskHelpPanel())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands (theme, quit, keys, screenshot ...) in the desk's language."""
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))

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

        # Kept built (keep_intake_ready): each opening resets the form for a new call and loads what
        # it needs (departments, a draft left behind) in the background.
        self._open_kept("intake", lambda: IntakeScreen(self.desk, self.operator))

    def action_open_queue(self) -> None:
        from deskapp.screens.queue import QueueScreen

        # Kept, as the callbacks are: coming back shows it at once and it reloads only what changed.
        self._open_kept("queue", lambda: QueueScreen(self.desk, self.operator))

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

    def action_open_calls(self) -> None:
        from deskapp.screens.calls import CallLogScreen

        self._go_to(CallLogScreen(self.desk, self.operator))

    def action_open_survey(self) -> None:
        from deskapp.screens.survey import SurveyScreen

        # Over the screen it was opened from (the statistics, s): Esc goes back there.
        self.push_screen(SurveyScreen(self.desk, self.operator))

    def _open_kept(self, name: str, build) -> None:
        """Lists the desk returns to all day are built once and kept: building a screen costs more
        than reloading its rows, which the screen does each time it comes back."""
        if not self.is_screen_installed(name):
            self.install_screen(build(), name)
        self._go_to(name)

    def open_case(self, case_id: int) -> None:
        from deskapp.screens.case_detail import CaseDetailScreen

        self.push_screen(CaseDetailScreen(self.desk, case_id, self.operator))


def desk_bindings() -> list[tuple[type, Binding]]:
    """Every key the desk defines (the app's, each screen's, each widget's) with the class that owns
    it: the ids a keymap may name, and what the keys' own test reads. Imports every screen."""
    import importlib
    import pkgutil
    import sys

    from textual.dom import DOMNode

    from deskapp import screens, widgets

    modules = [sys.modules[__name__]] + [importlib.import_module(info.name) for package in (screens, widgets)
                                         for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]
    found = []
    for module in modules:
        for owner in vars(module).values():
            if isinstance(owner, type) and issubclass(owner, DOMNode) and owner.__module__ == module.__name__:
                found += [(owner, b) for b in owner.__dict__.get("BINDINGS", ()) if isinstance(b, Binding)]
    return found


def keys_by_screen() -> dict[str, list[tuple[str, str]]]:
    """Each screen's (and widget's) keys as (id, usual keys): what a keymap is checked against."""
    screens: dict[str, list[tuple[str, str]]] = {}
    for owner, binding in desk_bindings():
        screens.setdefault(owner.__qualname__, []).append((binding.id, binding.key))
    return screens


# Textual's system commands, for the catalogue: get_system_commands translates them by these msgids.
SYSTEM_COMMANDS = (
    N_("Theme"), N_("Change the current theme"), N_("Quit"), N_("Quit the application as soon as possible"),
    N_("Keys"), N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"), N_("Minimize the widget and restore to normal size"), N_("Maximize"),
    N_("Maximize the focused widget"), N_("Screenshot"), N_("Save an SVG 'screenshot' of the current screen"),
)
