"""The working-time calendar, told as the desk's days: Friday evenings, National Day, make-up
Sundays, supervisors' extra days, and the nights the clocks change."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskapp.domain.calendar import CalendarError, CalendarSpec, WorkCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MIN = timedelta(minutes=1)
US = timedelta(microseconds=1)

DESK = WorkCalendar(CalendarSpec(tz=SHANGHAI))


def sh(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=SHANGHAI)


def utc(t: datetime) -> datetime:
    # Python compares and subtracts times of one zone by their wall-clock faces, which the
    # clock changes fool; in UTC the answers are real elapsed time.
    return t.astimezone(UTC)


# -- the desk's ordinary days ----------------------------------------------------------------


def test_general_complaint_friday_1930_forwarded_by_monday_0820():
    assert DESK.add_working_minutes(sh(2026, 11, 20, 19, 30), 20) == sh(2026, 11, 23, 8, 20)


def test_complaint_received_mid_morning_forwarded_twenty_minutes_later():
    assert DESK.add_working_minutes(sh(2026, 11, 17, 10, 0), 20) == sh(2026, 11, 17, 10, 20)


def test_complaint_at_1850_carries_ten_minutes_into_next_morning():
    assert DESK.add_working_minutes(sh(2026, 11, 17, 18, 50), 20) == sh(2026, 11, 18, 8, 10)


def test_friday_1850_carries_over_the_weekend_to_monday_0810():
    assert DESK.add_working_minutes(sh(2026, 11, 20, 18, 50), 20) == sh(2026, 11, 23, 8, 10)


def test_clock_that_runs_out_at_closing_is_due_at_closing_not_next_morning():
    assert DESK.add_working_minutes(sh(2026, 11, 17, 18, 40), 20) == sh(2026, 11, 17, 19, 0)


def test_complaint_received_exactly_at_closing_waits_for_the_morning():
    assert not DESK.is_working_time(sh(2026, 11, 17, 19, 0))
    assert DESK.add_working_minutes(sh(2026, 11, 17, 19, 0), 20) == sh(2026, 11, 18, 8, 20)


def test_desk_is_open_from_the_opening_instant_until_just_before_closing():
    assert DESK.is_working_time(sh(2026, 11, 17, 8, 0))
    assert not DESK.is_working_time(sh(2026, 11, 17, 8, 0) - US)
    assert DESK.is_working_time(sh(2026, 11, 17, 19, 0) - US)
    assert not DESK.is_working_time(sh(2026, 11, 21, 10, 0))  # a Saturday


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # 9 h on Thursday, 11 h on Friday, the last 4 h on Monday morning.
        (sh(2026, 11, 19, 10, 0), sh(2026, 11, 23, 12, 0)),
        # From a Friday opening: two 11-hour days and 2 h more, over the weekend.
        (sh(2026, 11, 20, 8, 0), sh(2026, 11, 24, 10, 0)),
    ],
)
def test_twenty_four_working_hours_resolve_clock_spans_the_weekend(received, due):
    assert DESK.add_working_minutes(received, 24 * 60) == due
    assert DESK.working_between(received, due) == timedelta(hours=24)


def test_zero_working_time_returns_the_instant_unchanged():
    night = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)
    assert DESK.add_working(night, timedelta(0)) is night


def test_results_are_in_the_desks_zone_whatever_zone_the_input_came_in():
    due = DESK.add_working_minutes(datetime(2026, 11, 20, 11, 30, tzinfo=UTC), 20)  # 19:30 local
    assert due == sh(2026, 11, 23, 8, 20)
    assert due.tzinfo is SHANGHAI


def test_fractional_minutes_count_to_the_second():
    assert DESK.add_working_minutes(sh(2026, 11, 17, 10, 0), 0.5) == sh(2026, 11, 17, 10, 0, 30)


def test_counting_back_finds_the_latest_instant_with_that_much_work_before():
    assert DESK.add_working_minutes(sh(2026, 11, 23, 8, 10), -20) == sh(2026, 11, 20, 18, 50)
    assert DESK.add_working_minutes(sh(2026, 11, 23, 8, 20), -20) == sh(2026, 11, 23, 8, 0)


# -- holidays and make-up days ---------------------------------------------------------------


def test_national_day_2026_two_hours_from_wednesday_1800_due_thursday_8_october_0900():
    # One hour on 30 September, then 1-7 October off, the other hour on Thursday 8 October.
    assert DESK.add_working_minutes(sh(2026, 9, 30, 18, 0), 120) == sh(2026, 10, 8, 9, 0)


def test_national_day_week_is_off():
    assert not any(DESK.is_working_day(date(2026, 10, day)) for day in range(1, 8))
    assert DESK.opening_hours(date(2026, 10, 1)) is None


def test_make_up_sunday_and_saturday_around_national_day_are_working_days():
    assert DESK.is_working_day(date(2026, 9, 20))  # a Sunday
    assert DESK.is_working_day(date(2026, 10, 10))  # a Saturday
    assert DESK.is_working_time(sh(2026, 10, 10, 10, 0))
    assert DESK.opening_hours(date(2026, 10, 10)) == (
        sh(2026, 10, 10, 8, 0),
        sh(2026, 10, 10, 19, 0),
    )
    # Friday evening's clock runs on the make-up Saturday, not on Monday.
    assert DESK.add_working_minutes(sh(2026, 10, 9, 19, 30), 20) == sh(2026, 10, 10, 8, 20)


def test_supervisor_added_day_off_pushes_the_clock_to_tuesday():
    monday = date(2026, 11, 23)
    closed_monday = WorkCalendar(CalendarSpec(tz=SHANGHAI, holidays=frozenset({monday})))
    assert not closed_monday.is_working_day(monday)
    due = closed_monday.add_working_minutes(sh(2026, 11, 20, 19, 30), 20)
    assert due == sh(2026, 11, 24, 8, 20)


def test_supervisor_added_working_saturday_catches_friday_evenings_complaint():
    saturday = date(2026, 11, 21)
    open_saturday = WorkCalendar(CalendarSpec(tz=SHANGHAI, workdays=frozenset({saturday})))
    due = open_saturday.add_working_minutes(sh(2026, 11, 20, 19, 30), 20)
    assert due == sh(2026, 11, 21, 8, 20)


def test_supervisor_added_working_day_overrides_a_public_holiday():
    duty = WorkCalendar(CalendarSpec(tz=SHANGHAI, workdays=frozenset({date(2026, 10, 2)})))
    assert duty.is_working_day(date(2026, 10, 2))
    assert not duty.is_working_day(date(2026, 10, 1))


def test_supervisor_added_day_off_overrides_a_make_up_day():
    rest = WorkCalendar(CalendarSpec(tz=SHANGHAI, holidays=frozenset({date(2026, 9, 20)})))
    assert not rest.is_working_day(date(2026, 9, 20))


def test_same_day_as_day_off_and_working_day_is_refused_naming_the_day():
    both = frozenset({date(2026, 11, 23)})
    spec = CalendarSpec(tz=SHANGHAI, holidays=both, workdays=both)
    with pytest.raises(CalendarError, match="2026-11-23"):
        WorkCalendar(spec)


def test_without_a_country_national_day_is_an_ordinary_thursday():
    plain = WorkCalendar(CalendarSpec(tz=SHANGHAI, country=None))
    assert plain.is_working_day(date(2026, 10, 1))
    assert not plain.is_working_day(date(2026, 10, 10))  # no make-up Saturday either
    assert plain.add_working_minutes(sh(2026, 9, 30, 18, 0), 120) == sh(2026, 10, 1, 9, 0)


# -- next opening and working time between ---------------------------------------------------


@pytest.mark.parametrize(
    ("when", "opening"),
    [
        (sh(2026, 11, 17, 22, 0), sh(2026, 11, 18, 8, 0)),  # at night
        (sh(2026, 11, 18, 6, 30), sh(2026, 11, 18, 8, 0)),  # before opening
        (sh(2026, 11, 17, 19, 0), sh(2026, 11, 18, 8, 0)),  # exactly at closing
        (sh(2026, 11, 20, 23, 0), sh(2026, 11, 23, 8, 0)),  # Friday night
        (sh(2026, 9, 30, 19, 30), sh(2026, 10, 8, 8, 0)),  # National Day eve
        (sh(2026, 10, 9, 20, 0), sh(2026, 10, 10, 8, 0)),  # before a make-up Saturday
        (sh(2026, 11, 18, 8, 0), sh(2026, 11, 18, 8, 0)),  # at opening
    ],
)
def test_night_duty_hands_over_at_the_next_opening(when, opening):
    assert DESK.next_opening(when) == opening


def test_next_opening_during_hours_is_now():
    now = sh(2026, 11, 18, 14, 7, 33, 12)
    assert DESK.next_opening(now) == now


def test_working_time_over_a_weekend_counts_friday_evening_and_monday_morning():
    friday, monday = sh(2026, 11, 20, 18, 0), sh(2026, 11, 23, 9, 0)
    assert DESK.working_between(friday, monday) == timedelta(hours=2)
    assert DESK.working_minutes_between(friday, monday) == 120.0
    assert DESK.working_between(monday, friday) == -timedelta(hours=2)
    assert DESK.working_between(friday, friday) == timedelta(0)


def test_working_time_at_night_is_nothing():
    assert DESK.working_between(sh(2026, 11, 17, 19, 0), sh(2026, 11, 18, 8, 0)) == timedelta(0)


def test_clocks_years_apart_share_one_calendar():
    desk = WorkCalendar(CalendarSpec(tz=SHANGHAI))
    assert desk.add_working_minutes(sh(2031, 6, 6, 18, 50), 20) == sh(2031, 6, 9, 8, 10)
    assert desk.add_working_minutes(sh(2026, 11, 20, 19, 30), 20) == sh(2026, 11, 23, 8, 20)
    start = sh(2026, 12, 30, 12, 0)
    long_wait = timedelta(hours=11 * 300)  # past the end of the first table
    assert desk.working_between(start, desk.add_working(start, long_wait)) == long_wait


# -- clocks that change ----------------------------------------------------------------------

EVERY_DAY = frozenset(range(7))
ALL_DAY_LONDON = WorkCalendar(
    CalendarSpec(tz=LONDON, opens=time(0, 0), closes=time(23, 59), weekdays=EVERY_DAY, country=None)
)


def test_spring_forward_day_is_an_hour_shorter():
    opening, closing = ALL_DAY_LONDON.opening_hours(date(2026, 3, 29))
    assert utc(closing) - utc(opening) == timedelta(hours=22, minutes=59)
    assert ALL_DAY_LONDON.working_between(opening, closing) == timedelta(hours=22, minutes=59)


def test_autumn_fall_back_day_is_an_hour_longer():
    opening, closing = ALL_DAY_LONDON.opening_hours(date(2026, 10, 25))
    assert ALL_DAY_LONDON.working_between(opening, closing) == timedelta(hours=24, minutes=59)


def test_an_hour_of_work_across_the_spring_jump_ends_at_0230_on_the_wall_clock():
    start = datetime(2026, 3, 29, 0, 30, tzinfo=LONDON)
    due = ALL_DAY_LONDON.add_working_minutes(start, 60)
    assert due == datetime(2026, 3, 29, 2, 30, tzinfo=LONDON)


def test_an_hour_of_work_across_the_autumn_repeat_lands_in_the_repeated_hour():
    start = datetime(2026, 10, 25, 0, 30, tzinfo=LONDON)
    due = ALL_DAY_LONDON.add_working_minutes(start, 90)
    assert (due.hour, due.minute, due.fold) == (1, 0, 1)  # the second 01:00, in GMT
    assert due.utcoffset() == timedelta(0)


def test_new_york_weekend_clock_change_costs_no_working_time():
    ny = WorkCalendar(CalendarSpec(tz=NEW_YORK, country="US"))
    friday = datetime(2026, 3, 6, 18, 0, tzinfo=NEW_YORK)  # EST
    monday = datetime(2026, 3, 9, 9, 0, tzinfo=NEW_YORK)  # EDT
    assert ny.working_between(friday, monday) == timedelta(hours=2)
    assert ny.add_working_minutes(friday, 120) == monday


# -- calendars the desk cannot run on --------------------------------------------------------


def test_a_calendar_with_no_working_days_says_so():
    never = WorkCalendar(CalendarSpec(tz=SHANGHAI, weekdays=frozenset(), country=None))
    assert not never.is_working_time(sh(2026, 11, 17, 10, 0))
    assert never.working_between(sh(2026, 1, 1), sh(2026, 12, 31)) == timedelta(0)
    with pytest.raises(CalendarError, match="no working time"):
        never.add_working_minutes(sh(2026, 11, 17, 10, 0), 20)
    with pytest.raises(CalendarError, match="no working time"):
        never.next_opening(sh(2026, 11, 17, 10, 0))


@pytest.mark.parametrize(
    "call",
    [
        lambda t: DESK.is_working_time(t),
        lambda t: DESK.next_opening(t),
        lambda t: DESK.add_working_minutes(t, 20),
        lambda t: DESK.add_working(t, timedelta(0)),
        lambda t: DESK.working_between(t, sh(2026, 11, 17, 10, 0)),
        lambda t: DESK.working_between(sh(2026, 11, 17, 10, 0), t),
    ],
)
def test_a_time_without_a_zone_is_refused(call):
    with pytest.raises(ValueError, match="no time zone"):
        call(datetime(2026, 11, 17, 10, 0))


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (CalendarSpec(tz=SHANGHAI, opens=time(19, 0), closes=time(8, 0)), "overnight"),
        (CalendarSpec(tz=SHANGHAI, opens=time(8, 0), closes=time(8, 0)), "not after"),
        (CalendarSpec(tz=SHANGHAI, weekdays=frozenset({7})), "Monday"),
        (CalendarSpec(tz=SHANGHAI, country="XX"), "country"),
    ],
)
def test_a_calendar_that_cannot_work_is_refused_in_plain_words(spec, words):
    with pytest.raises(CalendarError, match=words):
        WorkCalendar(spec)


# -- properties ------------------------------------------------------------------------------

CALENDARS = {
    "shanghai desk": DESK,
    "london all day": ALL_DAY_LONDON,
    "new york": WorkCalendar(
        CalendarSpec(tz=NEW_YORK, opens=time(7, 30), closes=time(18, 0), country="US")
    ),
    # Opening inside the hour the clocks skip, closing inside the hour they repeat.
    "london small hours": WorkCalendar(
        CalendarSpec(
            tz=LONDON, opens=time(1, 30), closes=time(2, 30), weekdays=EVERY_DAY, country=None
        )
    ),
}
ZONES = [SHANGHAI, LONDON, NEW_YORK, UTC]
CLOCK_CHANGES = [
    date(2025, 3, 9), date(2025, 3, 30), date(2025, 10, 26), date(2025, 11, 2),
    date(2026, 3, 8), date(2026, 3, 29), date(2026, 10, 25), date(2026, 11, 1),
    date(2027, 3, 14), date(2027, 3, 28), date(2027, 10, 31), date(2027, 11, 7),
]  # fmt: skip

calendars = st.sampled_from(sorted(CALENDARS)).map(CALENDARS.__getitem__)
any_time = st.datetimes(
    datetime(2025, 1, 1), datetime(2027, 12, 31), timezones=st.sampled_from(ZONES)
)
near_clock_change = st.builds(
    lambda day, offset, zone: (datetime.combine(day, time(), UTC) + offset).astimezone(zone),
    st.sampled_from(CLOCK_CHANGES),
    st.integers(-2 * 24 * 60, 2 * 24 * 60).map(lambda m: m * MIN),
    st.sampled_from(ZONES),
)
instants = st.one_of(any_time, near_clock_change)
work_minutes = st.integers(0, 20_000).map(lambda m: m * MIN)
quick = settings(max_examples=200, deadline=None)


@quick
@given(calendars, instants, instants, work_minutes)
def test_a_later_start_is_never_due_earlier(calendar, t1, t2, d):
    t1, t2 = sorted((t1, t2), key=utc)
    assert utc(calendar.add_working(t1, d)) <= utc(calendar.add_working(t2, d))


@quick
@given(calendars, instants, work_minutes, work_minutes)
def test_a_longer_clock_is_never_due_earlier(calendar, t, d1, d2):
    d1, d2 = sorted((d1, d2))
    assert utc(calendar.add_working(t, d1)) <= utc(calendar.add_working(t, d2))


@quick
@given(calendars, instants, work_minutes)
def test_adding_and_measuring_working_time_are_exact_inverses(calendar, t, d):
    assert calendar.working_between(t, calendar.add_working(t, d)) == d
    assert calendar.working_between(t, calendar.add_working(t, -d)) == -d


@quick
@given(calendars, instants, work_minutes)
def test_a_deadline_falls_in_working_time_or_exactly_at_closing(calendar, t, d):
    due = utc(calendar.add_working(t, d))
    assert due >= utc(t)
    if d:
        just_before = due - US
        assert calendar.is_working_time(just_before)  # the clock was running until the end
        _, closing = calendar.opening_hours(just_before.astimezone(calendar.tz).date())
        assert calendar.is_working_time(due) or due == utc(closing)


@quick
@given(calendars, instants, instants, instants)
def test_working_time_adds_up_along_the_way(calendar, a, b, c):
    between = calendar.working_between
    assert between(a, b) + between(b, c) == between(a, c)


@quick
@given(calendars, instants, st.integers(0, 40 * 24 * 60).map(lambda m: m * MIN))
def test_working_time_matches_a_day_by_day_count(calendar, a, length):
    a = utc(a)
    b = a + length
    spec, tz = calendar.spec, calendar.tz
    expected = timedelta(0)
    day = a.astimezone(tz).date() - timedelta(days=1)
    while day <= b.astimezone(tz).date():
        if calendar.is_working_day(day):
            opening = utc(datetime.combine(day, spec.opens, tz))
            closing = utc(datetime.combine(day, spec.closes, tz))
            overlap = min(closing, b) - max(opening, a)
            expected += max(overlap, timedelta(0))
        day += timedelta(days=1)
    assert calendar.working_between(a, b) == expected
