"""Reading the times people type, in English or Chinese, whatever the desk's language.

English: ISO 8601 with or without an offset, `now`, `18:30`, `tomorrow 9`, `yesterday 19:30`, and
the phrases of timeparse_en (`3pm`, `noon`, `monday 10`, `in 2 hours`, `Tue 24 Nov 12:00` ...).
Chinese: `现在`, `9点`, `今天9点`, `明天上午9点`, `后天14:30`, `下午3点`, `晚上8点半`, `3点15分`,
`明天 9:30`, `昨天17点`, `11月24日 9点`, `2026年11月24日14:30`, `半小时后`, `2小时后`. Full-width
digits and colons (`１８：３０`) are read as ASCII ones.

The hour after a period word: 凌晨 / 早上 / 上午 keep it; 中午 12 is noon and 中午 1–3 is 13–15;
下午 / 傍晚 / 晚上 add 12 to hours 1–11; 晚上12点 is midnight at the end of that day.

Pure: no clock, no I/O; only the messages are looked up in the catalogue.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from deskapp.domain import timeparse_en as english
from deskapp.i18n import N_, _

_DAY_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_RELATIVE = re.compile(r"(?:(?P<day>today|tomorrow|yesterday)\s*)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?", re.IGNORECASE)

EXAMPLES = N_("2026-11-20T19:30, 2026-11-20 19:30+08:00, now, 18:30 or tomorrow 9")

# Python's words for a date that is not in the calendar, in the desk's language.
_REASONS = {"day is out of range for month": N_("day is out of range for month"),
            "year 0 is out of range": N_("year 0 is out of range")}

# ---- Chinese ----

_ZH_NOW = {"现在", "此刻", "马上", "立刻", "刚才", "刚刚"}
_ZH_DAYS = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "明日": 1,
            "后天": 2, "大后天": 3}
# Words that name a day and a part of it at once.
_ZH_DAY_PERIODS = {"今早": (0, "早上"), "今晚": (0, "晚上"), "明早": (1, "早上"), "明晚": (1, "晚上"),
                   "昨晚": (-1, "晚上"), "昨早": (-1, "早上")}
_ZH_PERIODS = ("凌晨", "早上", "早晨", "清晨", "上午", "中午", "下午", "傍晚", "晚上", "夜里", "夜间")
_ZH_MORNING = {"凌晨", "早上", "早晨", "清晨", "上午"}
_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_NUMBER = r"[0-9零〇一二两三四五六七八九十]{1,4}"

_ZH_DATE = re.compile(
    rf"(?:(?P<year>\d{{4}})\s*年\s*)?(?P<month>{_NUMBER})\s*月\s*(?P<mday>{_NUMBER})\s*[日号]"
    r"(?:\s*[,，]?\s*(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天]))?"
)
_ZH_CLOCK = re.compile(
    rf"(?P<hour>{_NUMBER})\s*(?:"
    rf"[:：]\s*(?P<colon>\d{{2}})"
    rf"|[点點时時]\s*钟?\s*(?:(?P<half>半)|(?P<quarter>一刻|三刻)|(?P<whole>整)|(?P<minute>{_NUMBER})\s*分?)?"
    r")"
)
_ZH_SHIFT = re.compile(
    rf"(?P<amount>半|{_NUMBER}(?:个半)?|\d+\.\d+)\s*个?\s*(?P<unit>分钟|小时|钟头|天)"
    r"\s*(?P<way>后|以后|之后|前|以前|之前)"
)


class TimeError(ValueError):
    """A time the desk cannot read, said so that the operator knows what to type instead."""


def examples() -> str:
    """Examples of times the desk reads, in the desk's language."""
    return _(EXAMPLES)


def parse_time(text: str, tz: tzinfo, now: datetime) -> datetime:
    """An aware datetime for what was typed; a time without an offset is in the desk's zone."""
    typed = (text or "").strip()
    if not typed:
        raise TimeError(_("a time is needed, for example {examples}").format(examples=examples()))
    if _has_chinese(typed):
        return _chinese(typed, tz, now)
    # Full-width digits and colons from a Chinese keyboard read as ASCII ones.
    typed = unicodedata.normalize("NFKC", typed).strip()
    lowered = typed.lower()
    if lowered == "now":
        return now.astimezone(tz)
    if lowered in _DAY_WORDS:
        raise TimeError(_("{typed!r} needs a time of day, for example {day} 9 or {day} 14:30").format(
            typed=typed, day=lowered))
    relative = _RELATIVE.fullmatch(lowered)
    if relative and (relative.group("day") or relative.group("minute")):
        return _relative(relative, tz, now, typed)
    spoken = _english(typed, tz, now)
    if spoken is not None:
        return spoken
    if relative:
        return _relative(relative, tz, now, typed)  # a bare hour: refused in its own words
    try:
        parsed = datetime.fromisoformat(typed)
    except ValueError as e:
        if "range" in str(e):  # a well-formed date that is not in the calendar, such as 30 February
            reason = _REASONS.get(str(e))
            raise TimeError(_("{typed!r} is not a real date or time ({reason})").format(
                typed=typed, reason=_(reason) if reason else e)) from None
        raise TimeError(_("{typed!r} is not a time I can read; use for example {examples}").format(
            typed=typed, examples=examples())) from None
    if parsed.tzinfo is not None:
        return parsed
    return localise(parsed, tz, typed)


def localise(naive: datetime, tz: tzinfo, typed: str = "") -> datetime:
    """A local wall-clock time in the desk's zone; one skipped by a daylight-saving change is refused."""
    aware = naive.replace(tzinfo=tz)
    if aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None) != naive:
        raise TimeError(_("{typed} does not exist in {zone}: the clocks skipped it (daylight saving)").format(
            typed=typed or naive, zone=tz))
    return aware


def _english(typed: str, tz: tzinfo, now: datetime) -> datetime | None:
    local = now.astimezone(tz)
    try:
        naive = english.read_english(typed, local.date(), local)
    except english.NotADay:
        raise TimeError(_("{typed!r} needs a time of day, for example {day} 9 or {day} 14:30").format(
            typed=typed, day=typed.strip().lower())) from None
    except english.Mismatch:
        raise TimeError(_("“{typed}”: the date and the day of the week do not match").format(typed=typed)) from None
    except english.NotADate:
        raise TimeError(_("“{typed}” is not a real date").format(typed=typed)) from None
    except english.OutOfRange:
        raise TimeError(_("{typed!r} is not a time of day (hours 0-23, minutes 0-59)").format(typed=typed)) from None
    except english.Unreadable:
        raise _unreadable(typed) from None
    return None if naive is None else localise(naive, tz, typed)


def _relative(match: re.Match, tz: tzinfo, now: datetime, typed: str) -> datetime:
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    if hour > 23 or minute > 59:
        raise TimeError(_("{typed!r} is not a time of day (hours 0-23, minutes 0-59)").format(typed=typed))
    if match.group("day") is None and match.group("minute") is None:
        raise TimeError(_("{typed!r} is not a time I can read; use for example {examples}").format(
            typed=typed, examples=examples()))
    day: date = now.astimezone(tz).date() + timedelta(days=_DAY_WORDS[(match.group("day") or "today").lower()])
    return localise(datetime.combine(day, time(hour, minute)), tz, typed)


# ---- Chinese ----


def _has_chinese(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def _unreadable(typed: str) -> TimeError:
    return TimeError(_("{typed!r} is not a time I can read; use for example {examples}").format(
        typed=typed, examples=examples()))


def _chinese(typed: str, tz: tzinfo, now: datetime) -> datetime:
    """`明天上午9点`, `下午3点`, `11月24日 14:30`, `半小时后` ... in the desk's zone."""
    # NFKC: full-width digits, colons and spaces become ASCII; Chinese characters stay as they are.
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", typed)).strip()
    local = now.astimezone(tz)
    if text in _ZH_NOW:
        return local
    shift = _ZH_SHIFT.fullmatch(text.replace(" ", ""))
    if shift:
        return _shifted(shift, local, typed)
    rest = text
    day: date | None = None
    period: str | None = None
    dated = _ZH_DATE.match(rest)
    if dated:
        day = _calendar_day(dated, local, typed)
        rest = rest[dated.end():].strip(" ,，")
    for word, (offset, part) in _ZH_DAY_PERIODS.items():
        if day is None and rest.startswith(word):
            day, period, rest = local.date() + timedelta(days=offset), part, rest[len(word):].strip()
            break
    if day is None:
        for word in sorted(_ZH_DAYS, key=len, reverse=True):  # 大后天 before 后天
            if rest.startswith(word):
                day, rest = local.date() + timedelta(days=_ZH_DAYS[word]), rest[len(word):].strip()
                break
    if period is None:
        for word in _ZH_PERIODS:
            if rest.startswith(word):
                period, rest = word, rest[len(word):].strip()
                break
    if not rest:
        if day is not None or period is not None:
            raise TimeError(_("“{typed}” needs a time of day, for example {example_hour} or {example_minutes}").format(
                typed=typed, example_hour=f"{text}9点" if period is None else f"{text}3点",
                example_minutes=f"{text}14:30" if period is None else f"{text}3点半"))
        raise _unreadable(typed)
    clock = _ZH_CLOCK.fullmatch(rest)
    if not clock:
        raise _unreadable(typed)
    hour, minute = _clock(clock, typed)
    hour, next_day = _with_period(hour, minute, period, typed)
    base = day if day is not None else local.date()
    return localise(datetime.combine(base + timedelta(days=next_day), time(hour, minute)), tz, typed)


def _number(text: str, typed: str) -> int:
    """'9', '09', '九', '十二', '二十五', '三十' → the number; anything else is refused."""
    if text.isdigit():
        return int(text)
    if text in _ZH_DIGITS:
        return _ZH_DIGITS[text]
    tens, ten, units = text.partition("十")
    if ten and (tens == "" or tens in _ZH_DIGITS) and (units == "" or units in _ZH_DIGITS):
        return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[units] if units else 0)
    raise _unreadable(typed)


def _clock(match: re.Match, typed: str) -> tuple[int, int]:
    hour = _number(match.group("hour"), typed)
    if match.group("colon"):
        minute = int(match.group("colon"))
    elif match.group("half"):
        minute = 30
    elif match.group("quarter"):
        minute = 15 if match.group("quarter") == "一刻" else 45
    elif match.group("minute"):
        minute = _number(match.group("minute"), typed)
    else:
        minute = 0
    if hour > 24 or minute > 59 or (hour == 24 and minute):
        raise TimeError(_("“{typed}” is not a time of day (hours 0-23, minutes 0-59)").format(typed=typed))
    return hour, minute


def _with_period(hour: int, minute: int, period: str | None, typed: str) -> tuple[int, int]:
    """The 24-hour hour for `下午3点` and the like, and 1 when it falls on the next day (晚上12点)."""
    wrong = TimeError(_("“{typed}”: {hour} o'clock is not in the {period}").format(typed=typed, hour=hour, period=period))
    if hour == 24:
        if period not in (None, "晚上", "夜里", "夜间"):
            raise wrong
        return 0, 1  # 24点: midnight at the end of the day
    if period is None:
        return hour, 0
    if period in _ZH_MORNING:
        if hour > 12:
            raise wrong
        return (0 if hour == 12 and period == "凌晨" else hour), 0
    if period == "中午":
        if hour in (11, 12):
            return hour, 0
        if 1 <= hour <= 3:
            return hour + 12, 0
        if 13 <= hour <= 15:
            return hour, 0
        raise wrong
    # 下午, 傍晚, 晚上
    if 1 <= hour <= 11:
        return hour + 12, 0
    if hour == 12:
        if period == "下午":
            return 12, 0
        return 0, 1  # 晚上12点: midnight at the end of that evening
    if hour == 0:
        raise wrong
    return hour, 0  # 下午15点: already on the 24-hour clock


def _calendar_day(match: re.Match, local: datetime, typed: str) -> date:
    year = int(match.group("year")) if match.group("year") else local.year
    month, mday = _number(match.group("month"), typed), _number(match.group("mday"), typed)
    try:
        day = date(year, month, mday)
    except ValueError:
        raise TimeError(_("“{typed}” is not a real date").format(typed=typed)) from None
    weekday = match.group("weekday")
    if weekday and _ZH_WEEKDAYS[weekday] != day.weekday():
        raise TimeError(_("“{typed}”: the date and the day of the week do not match").format(typed=typed))
    return day


def _shifted(match: re.Match, local: datetime, typed: str) -> datetime:
    """`半小时后`, `2小时后`, `30分钟前`, `1个半小时后`, `3天后` from now."""
    amount_text = match.group("amount")
    if amount_text == "半":
        amount = 0.5
    elif amount_text.endswith("个半"):
        amount = _number(amount_text[:-2], typed) + 0.5
    elif "." in amount_text:
        amount = float(amount_text)
    else:
        amount = _number(amount_text, typed)
    unit = {"分钟": timedelta(minutes=1), "小时": timedelta(hours=1), "钟头": timedelta(hours=1),
            "天": timedelta(days=1)}[match.group("unit")]
    delta = unit * amount
    if delta > timedelta(days=366):
        raise _unreadable(typed)
    later = match.group("way") in ("后", "以后", "之后")
    return (local + delta if later else local - delta).replace(second=0, microsecond=0)
