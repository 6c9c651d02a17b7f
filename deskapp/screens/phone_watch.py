"""The telephone on every screen: the desk learns of its calls from the call log (the phone link
writes it) and opens intake with the caller's number when a call to this desk is answered.

A call ringing here shows one line across the top (the number, and who last called from it); a call
answered while the operator is typing another, or in a dialog, waits on that line and opens once
they are free (saved, discarded or closed). Nothing typed is ever taken away.

The call log is read every POLL_SECONDS by a timer whose read runs in a thread (not a worker: it runs
as long as the app, and a test waiting for the workers to finish would wait for ever): one indexed
query on either database. Intake is imported only when a call rings here (its pop screen is built
while it rings), so the app starts as fast.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from textual.screen import ModalScreen

from deskapp.domain.phone import CallOutcome, Direction
from deskapp.i18n import _
from deskapp.reads.calls import CallLine, known_caller, live_calls
from deskapp.store.context import Desk
from deskapp.widgets.phone_banner import PhoneBanner

POLL_SECONDS = 0.1  # an interface timing: the pop should be on screen before the first word
# With no call in the last LIVE, once a second is enough: a call rings for seconds before it is answered,
# and from its newCall on the desk reads every POLL_SECONDS. A desk with no phone link costs one read a second.
IDLE_SECONDS = 1.0
KEPT = "phone-intake"  # the name the pop's intake screen is installed under
LIVE = timedelta(minutes=10)  # calls changed this recently are looked at (desks' clocks differ a little)


@dataclass
class PhoneWatch:
    """What the app knows of the telephone: calls ringing, and answered calls waiting to pop."""

    app: object
    desk: Desk
    ringing: dict[int, str] = field(default_factory=dict)  # call → its banner line
    waiting: dict[int, CallLine] = field(default_factory=dict)  # answered here, not yet popped
    popped: set[int] = field(default_factory=set)
    callers: dict[str, str] = field(default_factory=dict)  # number → who last called from it
    _next: object = None  # the timer of the next read
    _reading: bool = False

    def start(self) -> None:
        self._next = self.app.set_timer(POLL_SECONDS, self.tick, name="phone-watch")

    def wake(self) -> None:
        """Read now rather than at the next timer (PostgreSQL said a call event was written); a read
        already under way is enough, and reads never overlap."""
        if self._reading or self._next is None:
            return
        self._next.stop()
        self._next = self.app.set_timer(0.001, self.tick, name="phone-watch")  # 0 is not a timer Textual takes

    async def tick(self) -> None:
        """One read of the call log, then the next one: in POLL_SECONDS while a call is live or waits
        to pop, in IDLE_SECONDS when there is none (an idle desk wakes once a second, not ten times)."""
        quiet = True  # not signed in, or the database away: try again in a second
        self._reading = True
        try:
            if not self.app.operator:
                return
            try:  # one tick at a time: each one sets the timer of the next
                calls, found = await asyncio.to_thread(_read, self.desk, self.desk.now() - LIVE, set(self.callers))
            except Exception as e:  # the database is away: the next tick tries again; the desk works on
                self.app.log.warning("phone watch:", repr(e))
                return
            quiet = not calls and not self.waiting
            self.callers.update(found)
            self.ringing = {}
            for call in calls:
                self.seen(call, self.callers.get(call.number, ""))
            self.pop_if_free()
            self.show_banner()
        finally:
            self._reading = False
            if self.app.is_running:
                self._next = self.app.set_timer(IDLE_SECONDS if quiet else POLL_SECONDS, self.tick, name="phone-watch")

    def seen(self, call: CallLine, caller: str) -> None:
        mine = call.answered_by == self.app.operator
        if call.outcome is CallOutcome.ringing and call.direction is Direction.inbound and self._rings_here(call):
            self.ringing[call.id] = _ringing_words(call, caller)
            self._build_while_ringing()
            return
        self.ringing.pop(call.id, None)
        if mine and call.answered_at is not None and call.direction is Direction.inbound and call.id not in self.popped:
            self.waiting.setdefault(call.id, call)

    def _rings_here(self, call: CallLine) -> bool:
        return not call.users or self.app.operator in call.users

    def pop_if_free(self) -> None:
        if not self.waiting or not self.free():
            return
        if self.app.is_screen_installed(KEPT) and not self.app.get_screen(KEPT).is_mounted:
            return  # still being built (it began as the call rang): it pops at the next read, built
        call_id, call = next(iter(self.waiting.items()))
        del self.waiting[call_id]
        self.popped.add(call_id)
        self.app._go_to(self._intake_for(call))

    def _build_while_ringing(self) -> None:
        """The first call of the shift rings for seconds before it is answered: the pop screen is built
        then, off stage, so that even the first pop only shows it (building it takes half a second). A
        desk whose telephone never rings here never builds it."""
        if self.app.is_screen_installed(KEPT):
            return
        from deskapp.screens.phone_pop import PhoneIntakeScreen
        from deskapp.textual_compat import KeptScreen

        screen = PhoneIntakeScreen(self.desk, self.app.operator, None)
        self.app.install_screen(screen, KEPT)
        KeptScreen.build_off_stage(self.app, screen)

    def _intake_for(self, call: CallLine):
        """The operator's pop screen, installed once and taken again for each call."""
        from deskapp.screens.phone_pop import PhoneIntakeScreen

        if self.app.is_screen_installed(KEPT):
            kept = self.app.get_screen(KEPT)
            if kept.operator == self.app.operator:  # _go_to brings it to the top, wherever it was
                kept.take(call)
                return KEPT
            if kept not in self.app.screen_stack:  # another operator's, from before a shift change
                self.app.uninstall_screen(KEPT)
        if not self.app.is_screen_installed(KEPT):
            self.app.install_screen(PhoneIntakeScreen(self.desk, self.app.operator, call), KEPT)
            return KEPT
        return PhoneIntakeScreen(self.desk, self.app.operator, call)  # the old one is still on the stack

    def free(self) -> bool:
        """The operator may be interrupted: no dialog open, no call half typed."""
        screen = self.app.screen
        if isinstance(screen, ModalScreen):
            return False
        intake = sys.modules.get("deskapp.screens.intake")  # not loaded: no intake can be open
        if intake is None or not isinstance(screen, intake.IntakeScreen):
            return True
        return not screen.query_one(intake.IntakeForm).typed()

    def show_banner(self) -> None:
        if self.waiting and not self.free():
            call = next(iter(self.waiting.values()))
            text = _("☎ call from {number} answered: intake opens with it once this form is saved or "
                     "discarded").format(number=call.number)
        else:
            text = next(iter(self.ringing.values()), "")
        # The line goes on the screen the operator is working on; a dialog over it leaves it in view.
        shown_on = next((s for s in reversed(self.app.screen_stack) if not isinstance(s, ModalScreen)), None)
        for screen in self.app.screen_stack:
            for banner in screen.query(PhoneBanner):
                if screen is not shown_on or not text:
                    banner.remove()
        if not text or shown_on is None:
            return
        found = shown_on.query(PhoneBanner)
        banner = found.first() if found else None
        if banner is None:
            banner = PhoneBanner(id="phone-banner")
            shown_on.mount(banner)
        banner.say(text)


def _read(desk: Desk, since: datetime, known: set[str]) -> tuple[list[CallLine], dict[str, str]]:
    """The calls changed since `since`, and who last called from each new ringing number."""
    calls = live_calls(desk, since)
    ringing = {c.number for c in calls if c.outcome is CallOutcome.ringing and c.number} - known
    return calls, {n: known_caller(desk, n) for n in ringing}


def _ringing_words(call: CallLine, caller: str) -> str:
    if caller:
        return _("☎ ringing: {number} ({caller})").format(number=call.number, caller=caller)
    return _("☎ ringing: {number}").format(number=call.number)
