"""Which open cases are overdue, in SQL on the stored due times: `deskapp list --overdue`.

A case is overdue when one of its running clocks is past its stored due and no wait on the customer
stops it (a pausable clock of a waiting case reads "waiting"). Only a case recorded without its
clocks (a database the stored due times came after, made by hand) has them worked out from the
rules, and SQL narrows those to the cases the rules could start a clock for: on a desk whose every
case carries its clocks, that is none, and nothing is worked out in Python.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col, func, or_, select

from deskapp.domain.policy import ClockRule, Policy, StartEvent
from deskapp.models import Case, CaseAction, CaseClock

_CLOCKS = CaseClock.__table__.c


def overdue_query(query, now: datetime):
    """The cases of `query` with a clock, an action or a follow-up past due, most late first (by the
    earliest due among their late ones), in SQL."""
    by_hand = CaseAction.__table__.c  # an action or follow-up not done by its due: overdue at any wait
    due = sa.union_all(
        select(_CLOCKS.case_id, _CLOCKS.due_at.label("due"))
        .join(Case, col(Case.id) == _CLOCKS.case_id)
        .where(_CLOCKS.met_at.is_(None), _CLOCKS.due_at < now,
               # waiting on the customer stops a pausable clock: it reads "waiting", not overdue
               or_(col(Case.paused_since).is_(None), _CLOCKS.pausable.is_(False))),
        select(by_hand.case_id, by_hand.due_at.label("due")).where(by_hand.done_at.is_(None), by_hand.due_at < now),
    ).subquery()
    late = select(due.c.case_id, func.min(due.c.due).label("due")).group_by(due.c.case_id).subquery()
    return query.join(late, late.c.case_id == Case.id).order_by(late.c.due, col(Case.id))


def unstamped_query(query, policy: Policy):
    """The cases of `query` recorded without any clock although the rules could start one for them."""
    could = [_could_start(rule) for rule in policy.rules]
    return query.where(~select(_CLOCKS.id).where(_CLOCKS.case_id == Case.id).exists(),
                       or_(*could) if could else sa.false())


def _could_start(rule: ClockRule):
    """True at least for every case this rule starts a clock for (`domain.clocks._clock`): its kind and
    severity, the fact it starts from, and a limit (its own, the customer's time, a promise, urgency)."""
    parts = [col(Case.kind).in_(sorted(rule.kinds))]
    if rule.severities is not None:
        parts.append(col(Case.severity).in_(sorted(rule.severities)))
    starts = {
        StartEvent.received: None,
        StartEvent.forwarded: col(Case.forwarded_at).is_not(None),
        StartEvent.resolved: col(Case.resolved_at).is_not(None),
        StartEvent.validity: col(Case.validity) == rule.validity if rule.validity else sa.false(),
        StartEvent.outside_party: col(Case.outside_party_at).is_not(None),
    }[rule.starts]
    if starts is not None:
        parts.append(starts)
    if rule.span is None:
        parts.append(or_(col(Case.requested_by).is_not(None), col(Case.promised_by).is_not(None),
                         col(Case.urgent).is_(True)))
    return sa.and_(*parts)

