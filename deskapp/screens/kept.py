"""Screens the app builds once the first screen is up and keeps for the shift, so that their first
opening is as quick as the next ones (F2, F3)."""

from __future__ import annotations

from deskapp.textual_compat import KeptScreen


class KeepsScreensReady:
    """Mixin for the app: it provides `desk`, `operator` and `build_ahead`."""

    def keep_screens_ready(self) -> None:
        """Home's counts and rows are on the terminal: build the intake form, then, after the next
        refresh, the queue. Building them before (the intake takes the better part of a second on the
        main thread) held home's rows back behind them: start-up paid for screens not yet asked for."""
        if self.build_ahead and self.operator:
            self.keep_intake_ready()
        self.call_after_refresh(self.keep_queue_ready)

    def keep_intake_ready(self) -> None:
        """The intake form is built once the first screen is up and kept for the shift, so that F2
        shows it at once, even the first time (building it takes the better part of a second)."""
        from deskapp.screens import night  # noqa: F401 - F2's way to the form (DeskApp._go_to) imports it: now, not on the first F2
        from deskapp.screens.intake import IntakeScreen

        if not self.is_screen_installed("intake"):
            screen = IntakeScreen(self.desk, self.operator)
            self.install_screen(screen, "intake")
            KeptScreen.build_off_stage(self, screen)

    def keep_queue_ready(self) -> None:
        """The queue is built as well, once the home screen has shown its counts (not before: its
        load would compete with them), and kept: the first F3 then shows its rows at once, as the
        next ones do, instead of reading every open case while the operator waits."""
        if not (self.build_ahead and self.operator) or self.is_screen_installed("queue"):
            return
        from deskapp.screens.queue import QueueScreen

        screen = QueueScreen(self.desk, self.operator)
        self.install_screen(screen, "queue")
        KeptScreen.build_off_stage(self, screen)
