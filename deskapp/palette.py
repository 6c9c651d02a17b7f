"""Command-palette entries: the desk's screens, every action on the case in hand, and going to a
case by its number."""

from __future__ import annotations

import re
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from deskapp.i18n import N_, _

# The palette lists the actions in the order the desk does them.
_ORDER = ("forward", "acknowledge", "escalate", "note", "validity", "wait", "resolve", "void")
_NUMBER = re.compile(r"\d+")


# (the app's action, title, help): the screens of the F-keys, titled as the footer names them.
SCREENS = (
    ("open_intake", N_("Intake"), N_("F2: record a call on the 5W1H form")),
    ("open_queue", N_("Queue"), N_("F3: every open case, nearest deadline first")),
    ("open_callbacks", N_("Callbacks"), N_("F4: cases due a callback")),
    ("open_handover", N_("Handover"), N_("F5: write or read the shift handover")),
    ("open_statistics", N_("Statistics"), N_("F6: the period's figures and late cases")),
    ("open_history", N_("History"), N_("F7: every case ever recorded")),
    ("open_calls", N_("Call log"), N_("l on the home screen: today's calls and the missed calls to call back")),
    ("open_survey", N_("Satisfaction survey"), N_("s on the statistics screen: enter each company's returned questionnaires")),
)


class DeskCommands(Provider):
    """Going to the desk's screens: typed in the desk's language (登记, 队列, 回访 ... or Queue)."""

    def _screens(self):
        for action, title, help in SCREENS:
            method = getattr(self.app, f"action_{action}", None)
            if method is not None:
                yield _(title), method, _(help)

    async def discover(self) -> Hits:
        for title, callback, help in self._screens():
            yield DiscoveryHit(title, callback, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, callback, help in self._screens():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help)


class CaseCommands(Provider):
    def _actions(self):
        """(text, callback, help) for each action on the screen's case in hand, if it has one."""
        screen = self.screen
        case = screen.case_in_hand() if hasattr(screen, "case_in_hand") else None
        if case is None:
            return
        # The actions' dialogs (and the writers under them) are loaded when a case's actions are
        # first listed, not as the app starts: the home screen needs neither.
        from deskapp.screens.action_table import action_title, chosen

        for name in _ORDER:
            action = chosen(name, case)
            yield (action_title(action, case.id), partial(screen.run_action, name),
                   _("key {key}: {action} the selected case").format(key=action.key, action=_(action.title).lower()))

    async def discover(self) -> Hits:
        for text, callback, help in self._actions():
            yield DiscoveryHit(text, callback, help=help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        number = _NUMBER.search(query)
        for text, callback, help in self._actions():
            # With a number typed, going to that case comes before acting on the selected one.
            score = matcher.match(text) * (0.5 if number else 1.0)
            if score > 0:
                yield Hit(score, matcher.highlight(text), callback, help=help)
        if number and hasattr(self.app, "open_case"):
            case_id = int(number.group())
            # A typed number is the surest sign of what is wanted: it goes first.
            yield Hit(1.0, _("Go to case {number}").format(number=case_id), partial(self.app.open_case, case_id),
                      help=_("open the case with its clocks and history"))
