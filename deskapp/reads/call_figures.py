"""The telephone figures of a period: calls answered, missed and called back; how fast the desk
answered (median ring, and the share within the policy's ring limit: "before the second ring"); how
long calls lasted (median talk, and the share over the policy's limit); the same for each operator."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from deskapp.domain.phone import CallOutcome, Direction, PhonePolicy, median, share
from deskapp.reads.calls import CallLine, calls_between
from deskapp.store.context import Desk


@dataclass(frozen=True)
class AnswerFigures:
    answered: int = 0
    ring_median: float | None = None  # seconds
    within_ring_limit: float | None = None  # share of the answered calls
    talk_median: float | None = None  # seconds
    over_talk_limit: float | None = None  # share of the finished answered calls


@dataclass(frozen=True)
class PhoneFigures:
    calls: int = 0  # inbound calls that rang in the period
    missed: int = 0
    called_back: int = 0  # missed callers reached again (by a call back or their own next call)
    called_back_on_time: int = 0  # within the policy's callback_within
    still_to_call_back: int = 0
    overall: AnswerFigures = AnswerFigures()
    by_operator: dict[str, AnswerFigures] = field(default_factory=dict)
    ring_limit: float = PhonePolicy().ring_limit.total_seconds()  # the policy's, as the figures were judged
    talk_limit: float = PhonePolicy().talk_limit.total_seconds()


def phone_figures(desk: Desk, start: datetime, end: datetime, policy: PhonePolicy) -> PhoneFigures:
    inbound = [c for c in calls_between(desk, start, end) if c.direction is Direction.inbound]
    missed = [c for c in inbound if c.outcome is CallOutcome.missed]
    on_list = [c for c in missed if c.callback_due_at is not None or c.callback_done_at is not None]
    done = [c for c in on_list if c.callback_done_at is not None]
    answered = [c for c in inbound if c.answered_at is not None]
    by_operator: dict[str, list[CallLine]] = defaultdict(list)
    for c in answered:
        by_operator[c.answered_by or ""].append(c)
    return PhoneFigures(
        calls=len(inbound), missed=len(missed), called_back=len(done),
        called_back_on_time=sum(1 for c in done if c.callback_due_at is None or c.callback_done_at <= c.callback_due_at),
        still_to_call_back=len(on_list) - len(done),
        overall=answer_figures(answered, policy),
        by_operator={name: answer_figures(calls, policy) for name, calls in sorted(by_operator.items())},
        ring_limit=policy.ring_limit.total_seconds(), talk_limit=policy.talk_limit.total_seconds(),
    )


def answer_figures(answered: list[CallLine], policy: PhonePolicy) -> AnswerFigures:
    rings = [c.ring_seconds for c in answered if c.ring_seconds is not None]
    talks = [c.talk_seconds for c in answered if c.talk_seconds is not None]
    ring_limit, talk_limit = policy.ring_limit.total_seconds(), policy.talk_limit.total_seconds()
    return AnswerFigures(len(answered), median(rings), share(rings, lambda s: s <= ring_limit),
                         median(talks), share(talks, lambda s: s > talk_limit))
