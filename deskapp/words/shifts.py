"""A shift as the handover names it, in the desk's language (the shifts themselves are domain.shifts)."""

from __future__ import annotations

from datetime import tzinfo

from deskapp.domain.shifts import Shift, ShiftSpan
from deskapp.i18n import _
from deskapp.words.display import when


def span_label(span: ShiftSpan, tz: tzinfo) -> str:
    """'day shift Mon 23 Nov 08:00 – 19:00' / '白班 11月23日 周一 08:00 – 19:00'."""
    a, b = span.start.astimezone(tz), span.end.astimezone(tz)
    ends = f"{b:%H:%M}" if a.date() == b.date() else when(b, tz)
    if span.name is Shift.day:
        return _("day shift {start} – {end}").format(start=when(a, tz), end=ends)
    return _("night shift {start} – {end}").format(start=when(a, tz), end=ends)
