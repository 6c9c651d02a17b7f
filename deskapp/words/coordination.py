"""The coordination work order's actions, follow-ups, chases and a repair's price, in the desk's language:
their history lines and the short forms the screens and the handover show."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo

from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake, Problem
from deskapp.i18n import _
from deskapp.words.display import weekday_time
from deskapp.words.names import department_label


def price_text(cents: int | None) -> str:
    """A price quoted to the customer: '120.00'; '' when none was quoted."""
    if cents is None:
        return ""
    return f"{cents // 100}.{cents % 100:02d}"


PRICE_LIMIT_CENTS = 100_000_000  # a million: beyond any repair a desk quotes; a typing slip above it


def price_cents_of(text: str) -> int:
    """A price as typed ('120', '120.5', '¥120.50', '120元') in cents; ValueError with the reason."""
    typed = text.strip().removeprefix("¥").removeprefix("￥").removesuffix("元").strip().replace(",", "")
    whole, _dot, part = typed.partition(".")
    if not (whole.isdigit() and whole.isascii()) or (part and not (part.isdigit() and part.isascii())) or len(part) > 2:
        raise ValueError(_("{text!r} is not a price; write it as 120 or 120.50").format(text=text))
    cents = int(whole) * 100 + int(part.ljust(2, "0") or 0)
    if cents >= PRICE_LIMIT_CENTS:
        raise ValueError(_("{text!r} is more than a repair is quoted; check the price").format(text=text))
    return cents


def work_order_problems(intake: Intake) -> list[Problem]:
    """A repair's work order says paid or free work, and free work has no price."""
    if intake.paid is None and intake.price_cents is None:
        return []
    if intake.kind is not Kind.repair:
        return [Problem("paid", _("only a repair's work order is paid or free work"))]
    if intake.paid is False and intake.price_cents is not None:
        return [Problem("price_cents", _("free work has no quoted price"))]
    if intake.price_cents is not None and not 0 <= intake.price_cents < PRICE_LIMIT_CENTS:
        return [Problem("price_cents", _("the quoted price must be between 0 and a million"))]
    return []


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
