"""How times, time left and clocks are written for people (CLI and screens alike)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from deskapp.domain.clocks import Basis, Clock
from deskapp.domain.enums import Counting
from deskapp.i18n import N_, _, chinese, ngettext

WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MONTHS = (N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"), N_("Jul"), N_("Aug"),
          N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"))

def when(t: datetime | None, tz: tzinfo, now: datetime | None = None) -> str:
    """'Tue 24 Nov 12:00' / '11月24日 周二 12:00'; within the same year the year is left out."""
    if t is None:
        return ""
    local = t.astimezone(tz)
    with_year = now is not None and local.year != now.astimezone(tz).year
    return _date(local, with_year) + f" {local:%H:%M}"


def day(t: datetime, tz: tzinfo) -> str:
    """'Tue 24 Nov' / '11月24日 周二'."""
    return _date(t.astimezone(tz), False)


def weekday_time(t: datetime, tz: tzinfo) -> str:
    """'Fri 19:30' / '周五 19:30'."""
    local = t.astimezone(tz)
    return f"{weekday(local)} {local:%H:%M}"


def weekday(t: datetime) -> str:
    """'Fri' / '周五'."""
    return _(WEEKDAYS[t.weekday()])


def _date(local: datetime, with_year: bool) -> str:
    if chinese():
        text = f"{local.month}月{local.day}日 {weekday(local)}"
        return f"{local.year}年{text}" if with_year else text
    text = f"{weekday(local)} {local.day:02d} {_(MONTHS[local.month - 1])}"
    return f"{text} {local.year}" if with_year else text


def iso(t: datetime | None, tz: tzinfo) -> str | None:
    """ISO 8601 in the desk's zone, with its UTC offset."""
    return None if t is None else t.astimezone(tz).isoformat()


def span(delta: timedelta, working: bool = False) -> str:
    """'20 minutes', '24 working hours', '1 hour 30 minutes', '3 days' (Chinese: 24个工作小时)."""
    minutes = round(delta.total_seconds() / 60)
    if minutes >= 2 * 1440 and minutes % 1440 == 0:
        n = minutes // 1440
        if working:
            return ngettext("{n} working day", "{n} working days", n).format(n=n)
        return ngettext("{n} day", "{n} days", n).format(n=n)
    if minutes < 60:
        return _minutes(minutes, working)
    hours, rest = divmod(minutes, 60)
    if working:
        text = ngettext("{n} working hour", "{n} working hours", hours).format(n=hours)
    else:
        text = ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    if not rest:
        return text
    return _("{hours} {minutes}").format(hours=text, minutes=ngettext("{n} minute", "{n} minutes", rest).format(n=rest))


def _minutes(n: int, working: bool) -> str:
    if working:
        return ngettext("{n} working minute", "{n} working minutes", n).format(n=n)
    return ngettext("{n} minute", "{n} minutes", n).format(n=n)


def explain(clock: Clock, tz: tzinfo) -> str:
    """How the due time was reached: '24 working hours from Fri 19:30 → Wed 25 Nov 10:00, 2 hours waiting'."""
    due = when(clock.due, tz)
    if clock.basis is Basis.requested:
        text = _("the customer asked for it by {due}").format(due=due)
    elif clock.basis is Basis.promised:
        text = _("the desk promised an answer by {due}").format(due=due)
    elif clock.basis is Basis.set:
        text = _("set by hand on {start}: by {due}").format(start=weekday_time(clock.start, tz), due=due)
    else:
        working = clock.counting is Counting.working
        start = weekday_time(clock.start, tz)
        if clock.basis is Basis.reopened:
            template = _("{allowance} from reopened {start} → {due}")
        else:
            template = _("{allowance} from {start} → {due}")
        text = template.format(allowance=span(clock.allowance, working), start=start, due=due)
    if clock.waited > timedelta(0):
        text = _("{explanation}, {waited} waiting").format(explanation=text, waited=span(clock.waited))
    return text
