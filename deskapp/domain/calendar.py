"""The desk's working-time calendar: when the front desk is open, and how much working time lies
between two instants. General and minor complaints run on working time only, so a clock started
on Friday evening keeps still until Monday morning.

Pure: no I/O and no wall clock. Instants passed in must carry a time zone; instants handed back are
in the desk's zone. Working time is real elapsed time (counted in UTC), so an opening day that
spans a daylight-saving change is an hour shorter or longer, as lived.

The app works out the clocks of every open case on each refresh, so lookups are a bisect over
per-day tables built lazily a few years at a time, never a walk over days.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from math import ceil

from deskapp.i18n import _

__all__ = ["CalendarError", "CalendarSpec", "HolidaySource", "WorkCalendar"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_DAY = timedelta(days=1)
# A desk has no business centuries away; the bounds keep a typo from building huge tables.
_FIRST_YEAR, _LAST_YEAR = 1900, 2200
# How far past the known table we look before deciding the desk simply never opens.
_BARREN_YEARS = 10


class CalendarError(ValueError):
    """The calendar cannot be run as given; the message says why in the desk's words."""


@dataclass(frozen=True)
class CalendarSpec:
    tz: tzinfo  # the desk's time zone (a ZoneInfo)
    opens: time = time(8, 0)  # local opening time on a working day
    closes: time = time(19, 0)  # local closing time; after `opens`, no overnight spans
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday=0 .. Sunday=6
    country: str | None = "CN"  # public holidays and make-up days from `holidays`; None = none
    holidays: frozenset[date] = frozenset()  # extra days off the supervisor added
    workdays: frozenset[date] = frozenset()  # extra working days the supervisor added (win always)


def _to_us(t: datetime) -> int:
    # Exact integer microseconds, so adding and measuring working time are exact inverses.
    return (t - _EPOCH) // _US


class _Table:
    """Per-day arrays for the local dates of years lo..hi, all in UTC microseconds.

    open_us[i] is day i's opening instant (a would-be opening on days off, so the list stays
    sorted), span_us[i] its working length (0 on days off) and cum_us[i] the working time of all
    earlier days in the table. end_us is where the table stops covering instants.
    """

    def __init__(self, lo: int, hi: int, open_us: list[int], span_us: list[int], end_us: int):
        self.lo, self.hi = lo, hi
        self.first = date(lo, 1, 1)
        self.open_us, self.span_us, self.end_us = open_us, span_us, end_us
        self.cum_us: list[int] = []
        self.cum_end_us: list[int] = []
        total = 0
        for span in span_us:
            self.cum_us.append(total)
            total += span
            self.cum_end_us.append(total)
        self.total_us = total

    def covers(self, t_us: int) -> bool:
        return self.open_us[0] <= t_us < self.end_us

    def day_at(self, t_us: int) -> int:
        # The day an instant belongs to runs from its opening to the next day's opening.
        return bisect_right(self.open_us, t_us) - 1

    def cum_at(self, t_us: int) -> int:
        """Working time from the start of the table up to t."""
        i = bisect_right(self.open_us, t_us) - 1
        into, span = t_us - self.open_us[i], self.span_us[i]
        return self.cum_us[i] + (into if into < span else span)

    def earliest_reaching(self, target: int) -> int:
        """The first instant by which `target` working time has passed (0 < target <= total)."""
        j = bisect_left(self.cum_end_us, target)
        return self.open_us[j] + (target - self.cum_us[j])

    def latest_at(self, target: int) -> int:
        """The last instant at which `target` working time has just passed (0 <= target < total)."""
        j = bisect_right(self.cum_us, target) - 1
        return self.open_us[j] + (target - self.cum_us[j])


class HolidaySource:
    """Where a calendar's public holidays and make-up days come from: the holidays package, each
    year built once per process. deskapp.config keeps them on disk as well (config.holiday_cache)."""

    def known(self, country: str) -> bool:
        return country in _known_countries()

    def days(self, country: str, year: int) -> tuple[frozenset[date], frozenset[date]]:
        return package_days(country, year)


PACKAGE = HolidaySource()


class WorkCalendar:
    def __init__(self, spec: CalendarSpec, source: HolidaySource = PACKAGE):
        _check_spec(spec, source)
        self._spec = spec
        self._source = source
        self._official: dict[int, tuple[frozenset[date], frozenset[date]]] = {}
        self._years: dict[int, tuple[list[int], list[int], list[bool]]] = {}
        self._table: _Table | None = None
        self._epoch_fields = datetime(1970, 1, 1, tzinfo=spec.tz)

    @property
    def spec(self) -> CalendarSpec:
        return self._spec

    @property
    def tz(self) -> tzinfo:
        return self._spec.tz

    # -- days -------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        spec = self._spec
        if d in spec.workdays:
            return True
        if d in spec.holidays:
            return False
        days_off, makeup_days = self._official_days(d.year)
        if d in makeup_days:
            return True
        if d in days_off:
            return False
        return d.weekday() in spec.weekdays

    def opening_hours(self, d: date) -> tuple[datetime, datetime] | None:
        if not self.is_working_day(d):
            return None
        table = self._table_for_years(d.year, d.year)
        i = (d - table.first).days
        opening = table.open_us[i]
        return self._instant(opening), self._instant(opening + table.span_us[i])

    # -- instants ---------------------------------------------------------------------------

    def is_working_time(self, t: datetime) -> bool:
        t_us = _checked_us(t)
        table = self._covering(t_us, t)
        i = table.day_at(t_us)
        return t_us - table.open_us[i] < table.span_us[i]

    def next_opening(self, t: datetime) -> datetime:
        t_us = _checked_us(t)
        # The next working instant is where the first further microsecond of work would start.
        table, here = self._reaching(t_us, t, 1)
        j = bisect_left(table.cum_end_us, here + 1)
        return self._instant(max(t_us, table.open_us[j]))

    def add_working(self, t: datetime, delta: timedelta) -> datetime:
        """The earliest instant at or after t by which `delta` working time has passed.

        A clock that runs out exactly at closing is due at closing, not the next morning. A
        negative delta counts back: the latest instant before t with that much work in between.
        """
        if not isinstance(delta, timedelta):
            raise TypeError("a working-time amount must be a timedelta")
        return self._add_us(t, delta // _US)

    def add_working_minutes(self, t: datetime, minutes: float) -> datetime:
        # Whole minutes skip building a timedelta: this is the call every queue refresh makes.
        if type(minutes) is int:
            return self._add_us(t, minutes * 60_000_000)
        return self.add_working(t, timedelta(minutes=minutes))

    def working_between(self, a: datetime, b: datetime) -> timedelta:
        """Working time in [a, b); negative when b is before a."""
        a_us, b_us = _checked_us(a), _checked_us(b)
        self._covering(a_us, a)
        table = self._covering(b_us, b)
        return timedelta(0, 0, table.cum_at(b_us) - table.cum_at(a_us))

    def working_minutes_between(self, a: datetime, b: datetime) -> float:
        return self.working_between(a, b) / timedelta(minutes=1)

    # -- tables -----------------------------------------------------------------------------

    def _add_us(self, t: datetime, delta_us: int) -> datetime:
        t_us = _checked_us(t)
        if delta_us == 0:
            return t
        table, here = self._reaching(t_us, t, delta_us)
        if delta_us > 0:
            return self._instant(table.earliest_reaching(here + delta_us))
        return self._instant(table.latest_at(here + delta_us))

    def _instant(self, t_us: int) -> datetime:
        # fromutc reads the wall fields as UTC: the cheapest exact way back to a local time.
        return self._spec.tz.fromutc(self._epoch_fields + timedelta(0, 0, t_us))

    def _covering(self, t_us: int, t: datetime) -> _Table:
        table = self._table
        if table is not None and table.covers(t_us):
            return table
        # A year either side, so that clocks near New Year rarely need another rebuild.
        year = t.astimezone(self._spec.tz).year
        return self._table_for_years(year - 1, year + 1)

    def _reaching(self, t_us: int, t: datetime, delta_us: int) -> tuple[_Table, int]:
        """A table holding t and the instant `delta_us` of work away; and the work before t."""
        barren = 0
        while True:
            table = self._covering(t_us, t)
            here = table.cum_at(t_us)
            target = here + delta_us
            if 0 <= target <= table.total_us:
                return table, here
            if barren >= _BARREN_YEARS:
                raise CalendarError(
                    _("the calendar has no working time within {years} years of {date}: "
                      "check its working weekdays, holidays and opening hours").format(
                        years=_BARREN_YEARS, date=f"{t.astimezone(self._spec.tz):%Y-%m-%d}")
                )
            short = target - table.total_us if target > 0 else -target
            step = _years_to_cover(short, table)
            before = table.total_us
            if target > 0:
                table = self._table_for_years(table.lo, table.hi + step)
            else:
                table = self._table_for_years(table.lo - step, table.hi)
            barren = barren + step if table.total_us == before else 0

    def _table_for_years(self, lo: int, hi: int) -> _Table:
        old = self._table
        if old is not None:
            if old.lo <= lo and hi <= old.hi:
                return old
            lo, hi = min(lo, old.lo), max(hi, old.hi)  # the table must stay one contiguous run
        if lo < _FIRST_YEAR or hi > _LAST_YEAR:
            raise CalendarError(
                _("the calendar only works with dates from {first} to {last}; check the date you entered").format(
                    first=_FIRST_YEAR + 1, last=_LAST_YEAR - 1)
            )
        open_us: list[int] = []
        span_us: list[int] = []
        last_close: int | None = None
        for year in range(lo, hi + 1):
            for opening, closing, working in zip(*self._year(year), strict=True):
                # Guard against zones that skip or repeat whole days: days must never overlap.
                if last_close is not None and opening < last_close:
                    opening = last_close
                closing = max(closing, opening)
                open_us.append(opening)
                span_us.append(closing - opening if working else 0)
                last_close = closing if working else opening
        assert last_close is not None  # lo <= hi: at least one year of days was laid out
        end_us = max(self._local_us(date(hi + 1, 1, 1), self._spec.opens), last_close)
        self._table = _Table(lo, hi, open_us, span_us, end_us)
        return self._table

    def _year(self, year: int) -> tuple[list[int], list[int], list[bool]]:
        """Opening and closing instants of every local date of a year, and which ones work."""
        cached = self._years.get(year)
        if cached is None:
            spec = self._spec
            day, opens, closes, working = date(year, 1, 1), [], [], []
            while day.year == year:
                opens.append(self._local_us(day, spec.opens))
                closes.append(self._local_us(day, spec.closes))
                working.append(self.is_working_day(day))
                day += _DAY
            cached = self._years[year] = (opens, closes, working)
        return cached

    def _local_us(self, day: date, at: time) -> int:
        # zoneinfo's fold=0: a skipped local time falls as far after the jump as it was meant to be
        # after the last hour before it; a repeated one means its first occurrence.
        return _to_us(datetime.combine(day, at, tzinfo=self._spec.tz))

    def _official_days(self, year: int) -> tuple[frozenset[date], frozenset[date]]:
        """The `holidays` package's public holidays and make-up working days for one year."""
        cached = self._official.get(year)
        if cached is None:
            country = self._spec.country
            cached = (frozenset(), frozenset()) if country is None else self._source.days(country, year)
            self._official[year] = cached
        return cached


# The holidays package is imported only when a year's days are first asked for: loading it loads
# every country it knows (about 0.1 s), which a command that never counts working time need not pay.
@cache
def package_days(country: str, year: int) -> tuple[frozenset[date], frozenset[date]]:
    """The package's public holidays and make-up working days of one year, built once per process
    (every calendar of the same country shares them: the package takes a millisecond a year)."""
    import holidays as holidays_pkg

    official = holidays_pkg.country_holidays(country, years=year)
    makeup: set[date] = getattr(official, "weekend_workdays", set())
    return frozenset(official), frozenset(d for d in makeup if d.year == year)


@cache
def package_version() -> str:
    """The installed holidays package's version, without importing it: from its dist-info folder's
    name (importlib.metadata would parse the METADATA file with the email package), else from the
    package itself. A stored due's fingerprint names it, as its estimates change between releases."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("holidays")
    if spec is not None and spec.origin:
        for found in Path(spec.origin).parent.parent.glob("holidays-*.dist-info"):
            return found.name.removeprefix("holidays-").removesuffix(".dist-info")
    try:
        import holidays as holidays_pkg
    except ImportError:
        return ""
    return str(getattr(holidays_pkg, "__version__", ""))


@cache
def _known_countries() -> frozenset[str]:
    """Every name the holidays package answers to (codes, aliases, class names), from its registry:
    the list alone, without building any country's holidays."""
    from holidays.registry import COUNTRIES

    return frozenset(name for names in COUNTRIES.values() for name in names)


def _years_to_cover(short_us: int, table: _Table) -> int:
    """Roughly how many more years of this calendar hold `short_us` of working time."""
    per_year = table.total_us / (table.hi - table.lo + 1)
    if per_year == 0:
        return _BARREN_YEARS
    return max(1, min(_BARREN_YEARS, ceil(short_us / per_year)))


def _checked_us(t: datetime) -> int:
    if not isinstance(t, datetime):
        raise TypeError(f"expected a date and time, got {t!r}")
    try:
        return _to_us(t)
    except TypeError:  # only a time without a zone cannot be set against the UTC epoch
        raise ValueError(
            _("the time {time} has no time zone; the calendar needs to know which clock it was read from").format(
                time=f"{t:%Y-%m-%d %H:%M}")
        ) from None


def _check_spec(spec: CalendarSpec, source: HolidaySource) -> None:
    if not spec.closes > spec.opens:
        raise CalendarError(
            _("the desk closes at {closes}, which is not after it opens at {opens}; "
              "opening hours cannot run overnight").format(closes=f"{spec.closes:%H:%M}", opens=f"{spec.opens:%H:%M}")
        )
    strange = sorted(d for d in spec.weekdays if d not in range(7))
    if strange:
        raise CalendarError(_("working weekdays must be 0 (Monday) to 6 (Sunday), not {days}").format(days=strange))
    clash = sorted(spec.holidays & spec.workdays)
    if clash:
        days = ", ".join(d.isoformat() for d in clash)
        raise CalendarError(_("{days} is listed both as a day off and as an extra working day").format(days=days))
    if spec.country is not None and not source.known(spec.country):
        raise CalendarError(
            _("no public-holiday list is known for the country code {code}").format(code=repr(spec.country))
        )


# -- a year's days off and working days, and where each came from (`deskapp calendar YEAR`) ----

DAY_OFF, WORKING_DAY = "day_off", "working_day"
OFFICIAL, ESTIMATE, SUPERVISOR = "official", "estimate", "supervisor"


@dataclass(frozen=True)
class PackageYear:
    """What the holidays package says of one year, read by deskapp.config: its days off (with their
    names), its make-up working days, and whether an official notice stands behind them."""

    days_off: dict[date, str]
    working_days: frozenset[date]
    official: bool


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: str  # DAY_OFF | WORKING_DAY
    name: str  # the package's name; "" for make-up days and the supervisor's own (the CLI words them)
    source: str  # OFFICIAL | ESTIMATE | SUPERVISOR


def year_days(year: int, package: PackageYear, holidays: frozenset[date], workdays: frozenset[date]) -> list[CalendarDay]:
    """The year's days off and make-up working days in date order; the supervisor's own win, as in
    WorkCalendar.is_working_day."""
    source = OFFICIAL if package.official else ESTIMATE
    days: dict[date, CalendarDay] = {}
    for d, name in package.days_off.items():
        days[d] = CalendarDay(d, DAY_OFF, name, source)
    for d in package.working_days:
        days[d] = CalendarDay(d, WORKING_DAY, "", source)
    for d in holidays:
        days[d] = CalendarDay(d, DAY_OFF, "", SUPERVISOR)
    for d in workdays:
        days[d] = CalendarDay(d, WORKING_DAY, "", SUPERVISOR)
    return [days[d] for d in sorted(days) if d.year == year]


def zone_mismatch(timezone_setting: str, machine_zone: str | None, country_zones: frozenset[str] | None) -> bool:
    """Whether the desk runs on a machine zone that is not its calendar country's: only when
    calendar.toml leaves the zone empty and the country's zones are known."""
    if timezone_setting.strip() or not country_zones:
        return False
    return (machine_zone or "UTC") not in country_zones
