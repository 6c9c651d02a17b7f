"""Answer scripts: the questions to ask for a common problem, and whether the desk closes it itself.

From the telecom seed's script book. A script is data the supervisor keeps (data/scripts.toml, and
data/scripts.zh_CN.toml for a desk that speaks Chinese); here are only its shape, the search the form
runs as the operator types, and the rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from deskapp.domain.enums import Kind
from deskapp.i18n import _


@dataclass(frozen=True)
class Question:
    ask: str
    dispatch_if: bool  # the answer (yes = True) that means the desk cannot close it itself


@dataclass(frozen=True)
class AnswerScript:
    title: str
    keywords: tuple[str, ...]
    category: str
    kind: Kind  # what the case becomes when it is dispatched
    dispatch_to: str
    reply: str  # approved wording when the desk closes it
    dispatch_reply: str  # approved wording when it is dispatched
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Decision:
    closes: bool  # True: the desk answers with the reply and closes the call now
    department: str | None  # where it goes when it is dispatched
    reply: str
    reason: str  # in plain words, for the panel


def decide(script: AnswerScript, yes: frozenset[int] | set[int],
           shown: Callable[[str], str | None] = str) -> Decision:
    """The script's rule: any answer that calls for dispatch dispatches; otherwise the desk closes it.

    `yes` holds the indexes of the questions answered yes; the others were answered no. `shown`
    names the department in the reason as people read it (the script keeps the staff file's name).
    """
    for index, question in enumerate(script.questions):
        answered_yes = index in yes
        if answered_yes == question.dispatch_if:
            said = _("yes") if answered_yes else _("no")
            return Decision(False, script.dispatch_to, script.dispatch_reply,
                            _("dispatch to {department}: {question} {answer}").format(
                                department=shown(script.dispatch_to) or script.dispatch_to, question=question.ask, answer=said))
    return Decision(True, None, script.reply, _("the desk answers and closes it now"))


def search(scripts: tuple[AnswerScript, ...] | list[AnswerScript], text: str, limit: int = 8) -> list[AnswerScript]:
    """Scripts matching what was typed, best first: a few letters of a title word or keyword will do."""
    words = text.lower().split()
    if not words:
        return list(scripts)[:limit]
    scored = []
    for order, script in enumerate(scripts):
        score = _score(script, words)
        if score:
            scored.append((-score, order, script))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [s for _, _, s in scored[:limit]]


def _score(script: AnswerScript, words: list[str]) -> int:
    vocabulary = script.title.lower().split() + [k.lower() for k in script.keywords] + script.category.lower().split()
    total = 0
    for word in words:
        best = 0
        for term in vocabulary:
            if term == word:
                best = max(best, 3)
            elif term.startswith(word):
                best = max(best, 2)
            elif word in term:
                best = max(best, 1)
        if best == 0:
            return 0  # every word typed must match something
        total += best
    return total
