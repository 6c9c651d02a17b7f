"""The kinds of notice the manuals name, and what each must say (QP7.3 4.3).

- planned works (4.3.2): announced before they start, the announcement rule's hours ahead;
- after the event (4.3.3): a cut caused by the city or an emergency, announced once it has happened,
  with an apology and an explanation of what happened;
- a general apology (4.3.4): when tenants are widely dissatisfied with a service, an open apology
  with the plan and the measures that will put it right.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from deskapp.i18n import _


class NoticeKind(StrEnum):
    planned = "planned"
    after_the_event = "after_the_event"
    apology = "apology"


def apologises(kind: NoticeKind) -> bool:
    """The kinds that carry an apology and an explanation (4.3.3, 4.3.4)."""
    return kind is not NoticeKind.planned


def period_problem(kind: NoticeKind, starts_at: datetime, ends_at: datetime, now: datetime) -> tuple[str, str] | None:
    """(the refusal, the field it is about) when the period does not fit the kind; None when it does."""
    if ends_at <= starts_at:
        return _("the notice must end after it starts"), "ends_at"
    if kind is NoticeKind.after_the_event:
        if starts_at > now:
            return (_("a notice after the event is for a cut that has already begun; "
                      "one still to come is planned works (leave out --after-the-event)"), "starts_at")
        return None
    if ends_at <= now:
        if kind is NoticeKind.planned:
            return (_("the notice ends in the past; there is nothing left to announce "
                      "(a cut that already happened is announced with --after-the-event)"), "ends_at")
        return _("the apology's notice ends in the past; it would never be shown"), "ends_at"
    return None
