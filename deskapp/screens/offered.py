"""Offering only the steps the signed-in person may take: a screen with a case in hand hides the
keys (footer, palette, key panel) of steps its operator may not take on that case.

Before PINs every key stays, as it always did, and a refusal says who may. The operator's facts are
read once in a worker (and again if another person takes the keyboard); the check itself is pure.
A hidden key pressed anyway is not silence: one line says who may take that step.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events, work
from textual.actions import parse
from textual.message import Message

from deskapp.desk.operation import may
from deskapp.desk.who_may import ActorFacts, actor_facts
from deskapp.domain import rules
from deskapp.domain.enums import Kind
from deskapp.i18n import _
from deskapp.textual_compat import bindings_of_key
from deskapp.words.labels import label


@dataclass
class ActorRead(Message, bubble=False):
    operator: str | None
    facts: ActorFacts


@dataclass
class HiddenStepRefused(Message, bubble=False):
    refusal: str  # who may take the step instead, in one line


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


    def on_key(self, event: events.Key) -> None:
        """A hidden step's key says who may take it, when no other binding takes the key."""
        step = self._hidden_step(event.key)
        if step is None:
            return
        event.stop()
        event.prevent_default()
        case = self.case_in_hand()
        if step == "confirm" and case.kind is not Kind.complaint:
            self._say(_("case {number} is a {kind}: only a complaint's result is signed").format(
                number=case.id, kind=label(case.kind)))
        elif step == "confirm" and rules.refusal(step, case.status, case.id):
            self._say(rules.refusal(step, case.status, case.id) or "")
        else:
            self._who_may(step, case.id)

    def _hidden_step(self, key: str) -> str | None:
        """The step of a case action this key would take here that is hidden from the operator, unless
        a binding nearer the focus (or the app's) takes the key."""
        if self._actor is None or self._actor[0] != self.operator or self.case_in_hand() is None:
            return None
        hidden = None
        for node, binding in bindings_of_key(self, key):
            namespace, name, parameters = parse(binding.action)
            target = self.app if namespace == "app" else node
            if target.check_action(name, parameters):
                return None  # the key is someone else's here
            if target is self and name == "case_action" and parameters and hidden is None:
                hidden = self.step_of(str(parameters[0]), self.case_in_hand())
        return hidden

    @work(thread=True, exit_on_error=False, group="hidden-step")
    def _who_may(self, step: str, case_id: int) -> None:
        refusal = may(self.desk, self.operator, step, case_id)
        self.post_message(HiddenStepRefused(refusal or _("that key is not for this case")))

    def on_hidden_step_refused(self, event: HiddenStepRefused) -> None:
        self._say(event.refusal)

    def _say(self, refusal: str) -> None:
        self.notify(refusal, severity="warning", markup=False)
