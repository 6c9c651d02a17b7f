"""Offering only the steps the signed-in person may take: a screen with a case in hand hides the
keys (footer, palette, key panel) of steps its operator may not take on that case.

Before PINs every key stays, as it always did, and a refusal says who may. The operator's facts are
read once in a worker (and again if another person takes the keyboard); the check itself is pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.message import Message

from deskapp.desk.who_may import ActorFacts, actor_facts
from deskapp.domain import rules
from deskapp.domain.enums import Kind


@dataclass
class ActorRead(Message, bubble=False):
    operator: str | None
    facts: ActorFacts


class OffersOnlyPermitted:
    """Mixin for CaseActions: the screen provides `desk`, `operator`, `case_in_hand()`, and
    `step_of(name, case)` (the step a key's action takes on that case)."""

    # The operator as last read (name, facts): which steps to offer. Before PINs every key stays, as
    # it always did, and a refusal says who may.
    _actor: tuple[str | None, ActorFacts] | None = None
    _reading_actor: str | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the steps the signed-in person may take are offered (a hidden key does nothing)."""
        if action != "case_action" or not parameters:
            return super().check_action(action, parameters)
        if self._actor is None or self._actor[0] != self.operator:
            if self._reading_actor != self.operator:
                self._reading_actor = self.operator
                self._read_actor(self.operator)
            return True
        facts, case = self._actor[1], self.case_in_hand()
        if case is None or not facts.accountable:
            return True
        step = self.step_of(str(parameters[0]), case)
        if step == "confirm" and (case.kind is not Kind.complaint or rules.refusal(step, case.status, case.id)):
            return False
        if (step == "arrive" and case.kind is not Kind.repair) or (step == "severity" and case.kind is not Kind.complaint):
            return False  # not a step this kind of case has
        return facts.may(step, case.department_id, case.forwarded_at is not None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="actor")
    def _read_actor(self, operator: str | None) -> None:
        self.post_message(ActorRead(operator, actor_facts(self.desk, operator)))

    def on_actor_read(self, event: ActorRead) -> None:
        self._actor = (event.operator, event.facts)
        self.refresh_bindings()

