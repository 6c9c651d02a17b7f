"""The app started on changed rules: a supervisor is offered, once, to re-time the open clocks; anyone
else reads a line on home that the rules changed and a supervisor may re-time them."""

from __future__ import annotations

from textual import work
from textual.message import Message

from deskapp.store.context import Desk


class RulesChecked(Message):
    """From the start-up worker: the open clocks today's rules would move, and whether the person
    signed in may re-time them (a supervisor)."""

    def __init__(self, moves: list, may_retime: bool):
        super().__init__()
        self.moves, self.may_retime = moves, may_retime


class OffersRetimeOnStart:
    """Mixin for the App (listed before App): it provides `desk` and `operator`, and calls
    `check_rules()` once someone is signed in."""

    desk: Desk
    operator: str | None
    # Said on home once the start-up check finds clocks timed under old rules (reads.desk_warnings).
    rules_note: str | None = None
    rules_checked = False  # the check runs once per start, for the first person signed in

    def check_rules(self) -> None:
        if not self.rules_checked:
            self.rules_checked = True
            self.find_clocks_on_old_rules()

    @work(thread=True, exit_on_error=False, group="rules-check")
    def find_clocks_on_old_rules(self) -> None:
        """After the policy or calendar changed, the open clocks today's rules would move. The stored
        versions say whether any clock was timed before, so an unchanged desk pays one count."""
        from deskapp.desk.retime import check_may_retime, retime_preview
        from deskapp.domain.errors import NotAllowed
        from deskapp.reads.desk_warnings import clocks_on_old_rules

        if not clocks_on_old_rules(self.desk):
            return
        moves = retime_preview(self.desk)
        if not moves:
            return
        try:
            check_may_retime(self.desk, self.operator)
        except NotAllowed:
            self.post_message(RulesChecked(moves, may_retime=False))  # type: ignore[attr-defined]
            return
        self.post_message(RulesChecked(moves, may_retime=True))  # type: ignore[attr-defined]

    def on_rules_checked(self, event: RulesChecked) -> None:
        from deskapp.reads.desk_warnings import rules_note

        def answered(retimed: bool | None) -> None:
            self.rules_note = None if retimed else rules_note(len(event.moves))
            self._refresh_home()

        if event.may_retime:
            from deskapp.screens.retime_dialog import RetimeDialog

            self.push_screen(RetimeDialog(self.desk, self.operator, event.moves), answered)  # type: ignore[attr-defined]
            return
        answered(False)

    def _refresh_home(self) -> None:
        from deskapp.screens.home import HomeScreen

        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if isinstance(screen, HomeScreen):
                screen.action_refresh()
