"""The time field reads Chinese as well as English, whatever the desk's language, and refuses nonsense."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deskapp.domain.timeparse import TimeError, parse_time
from deskapp.i18n import CHINESE, use_language
from deskapp.words import display
from tests.conftest import SHANGHAI, at

NOW = at("2026-11-23 09:00")  # a Monday morning


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("现在", "2026-11-23 09:00"),
        ("今天9点", "2026-11-23 09:00"),
        ("明天9点", "2026-11-24 09:00"),
        ("明天上午9点", "2026-11-24 09:00"),
        ("后天14:30", "2026-11-25 14:30"),
        ("下午3点", "2026-11-23 15:00"),
        ("晚上8点半", "2026-11-23 20:30"),
        ("3点15分", "2026-11-23 03:15"),
        ("18:30", "2026-11-23 18:30"),
        ("明天 9:30", "2026-11-24 09:30"),
        ("昨天17点", "2026-11-22 17:00"),
        ("中午12点", "2026-11-23 12:00"),
        ("中午1点", "2026-11-23 13:00"),
        ("凌晨2点", "2026-11-23 02:00"),
        ("早上7点", "2026-11-23 07:00"),
        ("晚上12点", "2026-11-24 00:00"),  # midnight at the end of the evening
        ("下午15点", "2026-11-23 15:00"),  # already on the 24-hour clock
        ("24点", "2026-11-24 00:00"),
        ("晚上24点", "2026-11-24 00:00"),
        ("明天下午3点半", "2026-11-24 15:30"),
        ("明天 下午 3点", "2026-11-24 15:00"),
        ("明晚8点", "2026-11-24 20:00"),
        ("今晚7点", "2026-11-23 19:00"),
        ("前天10点", "2026-11-21 10:00"),
        ("九点半", "2026-11-23 09:30"),
        ("十点一刻", "2026-11-23 10:15"),
        ("下午两点", "2026-11-23 14:00"),
        ("十二点二十分", "2026-11-23 12:20"),
        ("8点钟", "2026-11-23 08:00"),
        ("１８：３０", "2026-11-23 18:30"),  # full-width digits and colon from a Chinese keyboard
        ("明天１０：００", "2026-11-24 10:00"),
        ("11月24日 9点", "2026-11-24 09:00"),
        ("11月24日 周二 12:00", "2026-11-24 12:00"),  # the way the desk writes it
        ("2026年12月1日下午2点", "2026-12-01 14:00"),
        ("半小时后", "2026-11-23 09:30"),
        ("2小时后", "2026-11-23 11:00"),
        ("1个半小时后", "2026-11-23 10:30"),
        ("30分钟前", "2026-11-23 08:30"),
    ],
)
def test_chinese_times_people_type(typed, expected):
    assert parse_time(typed, SHANGHAI, NOW) == at(expected)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("明天25点", "not a time of day"),
        ("今天9点61分", "not a time of day"),
        ("明天", "needs a time of day"),
        ("下午", "needs a time of day"),
        ("上午15点", "is not in the"),
        ("中午8点", "is not in the"),
        ("下午0点", "is not in the"),
        ("2月30日9点", "not a real date"),
        ("11月24日 周三 12:00", "do not match"),
        ("明天九点多", "not a time I can read"),
        ("随便什么时候", "not a time I can read"),
        ("tomorrow 9点", "not a time I can read"),
    ],
)
def test_chinese_nonsense_is_refused_in_english(typed, message):
    with pytest.raises(TimeError, match=message):
        parse_time(typed, SHANGHAI, NOW)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("明天25点", "“明天25点”不是有效的时刻（小时 0–23，分钟 0–59）"),
        ("明天", "“明天”还需要具体时刻，例如 明天9点 或 明天14:30"),
        ("上午15点", "“上午15点”：上午没有15点"),
        ("2月30日9点", "“2月30日9点”不是真实存在的日期"),
        ("11月24日 周三 12:00", "日期与星期不符"),
        ("随便什么时候", "无法识别时间“随便什么时候”"),
        ("", "请填写时间，例如：现在、明天9点、下午3点半、18:30"),
        ("25:00", "“25:00”不是有效的时刻"),
        ("tomorrow", "“tomorrow”还需要具体时刻"),
        ("2026-02-30T10:00", "不是真实存在的日期或时间（该月没有这一天）"),
    ],
)
def test_refusals_are_said_in_chinese_when_the_desk_speaks_chinese(chinese, typed, message):
    with pytest.raises(TimeError) as refused:
        parse_time(typed, SHANGHAI, NOW)
    assert message in str(refused.value)


def test_english_words_are_still_read_when_the_desk_speaks_chinese(chinese):
    assert parse_time("tomorrow 9", SHANGHAI, NOW) == at("2026-11-24 09:00")
    assert parse_time("now", SHANGHAI, NOW) == NOW
    assert parse_time("2026-11-20 14:00", SHANGHAI, NOW) == at("2026-11-20 14:00")


# ---- properties: every well-formed combination means what the rule says, every other is refused ----

DAYS = {"": 0, "今天": 0, "明天": 1, "后天": 2, "昨天": -1, "前天": -2}
# period → the hours it takes and the 24-hour time they mean (hour, days later)
PERIODS = {
    "": {h: (h, 0) for h in range(24)},
    "凌晨": {h: (0 if h == 12 else h, 0) for h in range(13)},
    "早上": {h: (h, 0) for h in range(13)},
    "上午": {h: (h, 0) for h in range(13)},
    "中午": {11: (11, 0), 12: (12, 0), 1: (13, 0), 2: (14, 0), 3: (15, 0), 13: (13, 0), 14: (14, 0), 15: (15, 0)},
    "下午": {**{h: (h + 12, 0) for h in range(1, 12)}, 12: (12, 0), **{h: (h, 0) for h in range(13, 24)}},
    "晚上": {**{h: (h + 12, 0) for h in range(1, 12)}, 12: (0, 1), **{h: (h, 0) for h in range(13, 24)}},
}
MINUTES = st.sampled_from(["", "半", "一刻", "三刻", "整", *[f"{m}分" for m in range(60)], *[f"{m:02d}" for m in range(10, 60)]])


def _minute(said: str) -> int:
    return {"": 0, "半": 30, "一刻": 15, "三刻": 45, "整": 0}.get(said) if not said[:1].isdigit() else int(said.rstrip("分"))


@st.composite
def well_formed(draw):
    day = draw(st.sampled_from(sorted(DAYS)))
    period = draw(st.sampled_from(sorted(PERIODS)))
    hour = draw(st.sampled_from(sorted(PERIODS[period])))
    said_minute = draw(MINUTES)
    space = draw(st.sampled_from(["", " "]))
    return f"{day}{space}{period}{hour}点{said_minute}", DAYS[day], PERIODS[period][hour], _minute(said_minute)


@settings(max_examples=300, deadline=None)
@given(well_formed())
def test_every_day_period_hour_and_minute_means_what_the_rule_says(case):
    typed, days, (hour, later), minute = case
    day = NOW.date() + timedelta(days=days + later)
    assert parse_time(typed, SHANGHAI, NOW) == datetime.combine(day, datetime.min.time()).replace(
        hour=hour, minute=minute, tzinfo=SHANGHAI), typed


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(DAYS)), st.sampled_from(sorted(PERIODS)), st.integers(0, 99), st.integers(0, 99))
def test_an_hour_or_minute_out_of_range_is_refused(day, period, hour, minute):
    typed = f"{day}{period}{hour}点{minute}分"
    midnight = hour == 24 and minute == 0 and period in ("", "晚上")  # 24点: the end of the day
    fits = (hour in PERIODS[period] and minute < 60) or midnight
    if fits:
        parse_time(typed, SHANGHAI, NOW)
    else:
        with pytest.raises(TimeError):
            parse_time(typed, SHANGHAI, NOW)


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)))
def test_a_time_as_the_desk_writes_it_in_chinese_reads_back_as_the_same_time(naive):
    t = naive.replace(second=0, microsecond=0, tzinfo=SHANGHAI)
    with use_language(CHINESE):
        shown = display.when(t, SHANGHAI, NOW)
        assert parse_time(shown, SHANGHAI, NOW) == t, shown
