"""Answer scripts: the questions to ask for a common problem, and what the desk does with the call.

From the telecom seed's script book: for each problem its symptoms and a typical case, the questions
the operator asks, the judgement they decide (the desk answers and closes it, it goes to a department,
or it is an emergency), the approved replies, and the replies to the usual objections (a refund, a
firm deadline). A script is data the supervisor keeps (data/scripts.toml, and data/scripts.zh_CN.toml
for a desk that speaks Chinese); here are only its shape, the search the form runs as the operator
types, and the rule.

Unanswered is unanswered: a question not yet asked counts neither way, and the judgement is shown
only once the questions that decide it have been answered.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from deskapp.domain.enums import Kind
from deskapp.i18n import _


class Outcome(StrEnum):
    undecided = "undecided"  # a question that decides it is still to be asked
    closes = "closes"  # the desk answers with the reply and closes the call now
    dispatch = "dispatch"  # it goes to a department
    emergency = "emergency"  # it goes to a department at once, and the desk calls them now


@dataclass(frozen=True)
class Question:
    ask: str
    dispatch_if: bool  # the answer (yes = True) that means the desk cannot close it itself
    emergency: str = ""  # that answer is an emergency, in words: "people trapped", "flooding", "fire", "injury"
    dispatch_to: str = ""  # that answer goes to another department than the script's (a paid extension)
    reply: str = ""  # the approved wording for that answer, if not the script's dispatch_reply


@dataclass(frozen=True)
class Objection:
    """An approved reply to what callers often ask for next: a refund, a firm deadline."""

    says: str  # "asks for a refund"
    reply: str


@dataclass(frozen=True)
class Promise:
    """A time the dispatch wording promises the caller ("we call you back within two working days"):
    `working` days or hours are the calendar's; otherwise every hour counts."""

    amount: int
    unit: str  # "day" or "hour"
    working: bool

    def due(self, calendar, now: datetime) -> datetime:
        """When the promise falls due: N working days on at the same time of day (within that day's
        opening hours), N working hours on, or N wall-clock days or hours on."""
        if not self.working:
            return now + (timedelta(days=self.amount) if self.unit == "day" else timedelta(hours=self.amount))
        if self.unit == "hour":
            return calendar.add_working(now, timedelta(hours=self.amount))
        local = now.astimezone(calendar.tz)
        day, counted = local.date(), 0
        while counted < self.amount:
            day += timedelta(days=1)
            counted += calendar.is_working_day(day)
        opens, closes = calendar.opening_hours(day)
        return min(max(datetime.combine(day, local.time(), calendar.tz), opens), closes)


_PROMISE = re.compile(r"^\s*(\d+)\s+(working\s+)?(day|days|hour|hours)\s*$")


def read_promise(text: str) -> Promise | None:
    """'2 working days', '4 working hours', '24 hours'; None for a text that is not one."""
    found = _PROMISE.match(text.lower())
    if not found or int(found.group(1)) < 1:
        return None
    return Promise(int(found.group(1)), found.group(3).rstrip("s"), bool(found.group(2)))


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
    symptoms: str = ""  # what callers describe
    typical: str = ""  # a typical case, as the book tells it
    objections: tuple[Objection, ...] = ()
    dispatch_promise: Promise | None = None  # the time its dispatch wording promises, if it promises one


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    department: str | None  # where it goes when it is dispatched
    reply: str
    reason: str  # in plain words, for the panel
    emergency: str = ""  # what makes it an emergency: "people trapped"
    waiting_for: tuple[int, ...] = ()  # the questions still to ask before it is decided
    promise: Promise | None = None  # the dispatch wording's promise: the case's answer clock runs to it

    @property
    def closes(self) -> bool:
        return self.outcome is Outcome.closes

    @property
    def decided(self) -> bool:
        return self.outcome is not Outcome.undecided


def decide(script: AnswerScript, answers: Mapping[int, bool],
           shown: Callable[[str], str | None] = str) -> Decision:
    """The script's rule, from the answers given so far (question index → yes = True).

    An emergency answer decides at once, whatever is still unasked. Otherwise the first question, in
    the book's order, whose answer calls for dispatch decides where it goes, once every question
    before it is answered (an earlier one could send it elsewhere). The desk closes it only when every
    question is answered and none calls for dispatch. `shown` names the department as people read it.
    """
    for index, question in enumerate(script.questions):
        if question.emergency and answers.get(index) == question.dispatch_if:
            return _dispatch(script, index, answers[index], shown, Outcome.emergency)
    for index, question in enumerate(script.questions):
        if index not in answers:
            waiting = tuple(i for i in range(len(script.questions)) if i not in answers)
            return Decision(Outcome.undecided, None, "", _("not decided yet: ask {question}").format(question=question.ask),
                            waiting_for=waiting)
        if answers[index] == question.dispatch_if:
            return _dispatch(script, index, answers[index], shown, Outcome.dispatch)
    return Decision(Outcome.closes, None, script.reply, _("the desk answers and closes it now"))


def _dispatch(script: AnswerScript, index: int, answer: bool, shown: Callable[[str], str | None],
              outcome: Outcome) -> Decision:
    question = script.questions[index]
    department = question.dispatch_to or script.dispatch_to
    said = _("yes") if answer else _("no")
    named = shown(department) or department
    if outcome is Outcome.emergency:
        reason = _("EMERGENCY ({emergency}): send {department} now: {question} {answer}").format(
            emergency=question.emergency, department=named, question=question.ask, answer=said)
    else:
        reason = _("dispatch to {department}: {question} {answer}").format(department=named, question=question.ask, answer=said)
    # The script's promise goes with its own dispatch wording, not with a question's reply of its own.
    promise = script.dispatch_promise if not question.reply else None
    return Decision(outcome, department, question.reply or script.dispatch_reply, reason, question.emergency,
                    promise=promise)


def answers_note(script: AnswerScript, answers: Mapping[int, bool], decision: Decision) -> str:
    """The questions asked and the answers given, each labelled, with the judgement: kept on the case."""
    lines = [_("Script: {title}").format(title=script.title)]
    for index, question in enumerate(script.questions):
        given = answers.get(index)
        said = _("not asked") if given is None else (_("yes") if given else _("no"))
        lines.append(_("{question} {answer}").format(question=question.ask, answer=said))
    lines.append(_("Judgement: {reason}").format(reason=decision.reason))
    return " · ".join(lines)


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
