"""The coordination work order's actions, follow-ups, chases and a repair's price, in the desk's language:
their history lines and the short forms the screens and the handover show."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from deskapp.i18n import _
from deskapp.words.display import weekday_time
from deskapp.words.names import department_label


def price_text(cents: int | None) -> str:
    """A price quoted to the customer: '120.00'; '' when none was quoted."""
    if cents is None:
        return ""
    return f"{cents // 100}.{cents % 100:02d}"


def paid_text(paid: bool | None, cents: int | None) -> str:
    """'paid work, 120.00 quoted' / 'free work'; '' when the work order has not said."""
    if paid is None:
        return ""
    if not paid:
        return _("free work")
    if cents is None:
        return _("paid work, no price quoted yet")
    return _("paid work, {price} quoted").format(price=price_text(cents))


def chases_mark(count: int) -> str:
    """The queue's mark beside a case chased: '⟳2'; '' when never chased."""
    return f"⟳{count}" if count else ""


def chased_what(what: str, count: int) -> str:
    """A queue line's What, opened by its chases: '⟳2 water pouring through the ceiling'."""
    return f"{chases_mark(count)} {what}" if count else what


def _due(details: Mapping, tz: tzinfo) -> str:
    due = details.get("due")
    try:
        return weekday_time(datetime.fromisoformat(due), tz) if due else "–"
    except ValueError:
        return str(due)


def _action(details: Mapping, note: str, tz: tzinfo) -> str:
    return _("action {number}: {what} · {owner} by {due}").format(
        number=details.get("action", "?"), what=note, owner=details.get("owner", ""), due=_due(details, tz))


def _action_done(details: Mapping, note: str, _tz) -> str:
    done = (_("action {number} done late") if details.get("late") else _("action {number} done")).format(
        number=details.get("action", "?"))
    return _("{done}: {note}").format(done=done, note=note) if note else done


def _followup(details: Mapping, note: str, _tz) -> str:
    checked = (_("follow-up {number} checked late") if details.get("late") else _("follow-up {number} checked")).format(
        number=details.get("followup", "?"))
    return _("{checked}: {result}").format(checked=checked, result=note)


def _chase(details: Mapping, note: str, _tz) -> str:
    dept = details.get("department")
    chased = (_("chase {n}: {department} chased").format(n=details.get("chase", "?"), department=department_label(dept))
              if dept else _("chase {n}: not yet with a department").format(n=details.get("chase", "?")))
    return _("{chased}: {note}").format(chased=chased, note=note) if note else chased


def followup_words(details: Mapping, tz: tzinfo) -> str:
    """What a corrective note adds when it carries a follow-up date: 'follow-up 1 by Thu 10 Dec 19:00'."""
    return _("follow-up {number} by {due}").format(number=details.get("followup"), due=_due(details, tz))


SENTENCES = {"action": _action, "action_done": _action_done, "followup": _followup, "chase": _chase}
