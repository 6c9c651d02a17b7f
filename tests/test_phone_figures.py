"""The telephone in the day's figures: answered, missed and called back; ring before answer against
the 10 s "before the second ring"; talk time against the 3 minutes; each operator's own."""

from __future__ import annotations

import json

from deskapp.desk.calls import record_call_event
from deskapp.domain.phone import PhonePolicy, read_event
from deskapp.output import reports
from deskapp.reads.call_figures import phone_figures
from deskapp.reads.statistics import day, statistics
from tests.conftest import at
from tests.helpers import open_statistics, record

ALL_BACKENDS = True
EXTENSIONS = {"8001": "Wang Fang", "8002": "Liu Yang"}


def post(desk, when: str, **fields) -> None:
    record_call_event(desk, read_event(fields, []), PhonePolicy(), EXTENSIONS, at(when))


def answered(desk, call_id: str, rang: str, ring_s: int, talk_s: int, extension: str) -> None:
    from datetime import timedelta

    start = at(rang)
    post(desk, rang, event="newCall", callId=call_id, **{"from": f"1390000{call_id[-4:]}"})
    post(desk, (start + timedelta(seconds=ring_s)).isoformat(sep=" ")[:19], event="answer", callId=call_id,
         answeringNumber=extension)
    post(desk, (start + timedelta(seconds=ring_s + talk_s)).isoformat(sep=" ")[:19], event="hangup", callId=call_id)


def monday_of_calls(desk) -> None:
    answered(desk, "c0001", "2026-11-23 09:00:00", 4, 60, "8001")
    answered(desk, "c0002", "2026-11-23 09:10:00", 8, 200, "8001")
    answered(desk, "c0003", "2026-11-23 09:20:00", 14, 100, "8001")
    answered(desk, "c0004", "2026-11-23 09:30:00", 6, 240, "8002")
    for call_id, number in (("m1", "13911110001"), ("m2", "13911110002")):
        post(desk, "2026-11-23 10:00:00", event="newCall", callId=call_id, **{"from": number})
        post(desk, "2026-11-23 10:00:20", event="hangup", callId=call_id, cause="noAnswer")
    # Liu Yang calls the first one back at 11:00 and reaches them; the second is still to call back.
    post(desk, "2026-11-23 11:00:00", event="newCall", callId="back", direction="out", to="13911110001",
         **{"from": "02155501000"})
    post(desk, "2026-11-23 11:00:05", event="answer", callId="back", direction="out", answeringNumber="8002")
    post(desk, "2026-11-23 11:02:00", event="hangup", callId="back", direction="out")


def test_the_days_calls_answered_missed_and_called_back_with_ring_and_talk_against_the_limits(desk):
    monday_of_calls(desk)
    f = phone_figures(desk, at("2026-11-23 00:00"), at("2026-11-24 00:00"), PhonePolicy())
    assert (f.calls, f.overall.answered, f.missed, f.called_back, f.called_back_on_time, f.still_to_call_back) == (
        6, 4, 2, 1, 1, 1)
    assert f.overall.ring_median == 7 and f.overall.within_ring_limit == 0.75  # 14 s is past the second ring
    assert f.overall.talk_median == 150 and f.overall.over_talk_limit == 0.5  # 200 s and 240 s are over 3 min
    wang, liu = f.by_operator["Wang Fang"], f.by_operator["Liu Yang"]
    assert (wang.answered, wang.ring_median, wang.over_talk_limit) == (3, 8, 1 / 3)
    assert (liu.answered, liu.talk_median) == (1, 240)


def test_the_day_report_has_the_telephone_and_its_json_the_figures(desk):
    monday_of_calls(desk)
    stats = statistics(desk, day(at("2026-11-23 12:00").date(), desk.calendar.tz))
    text = reports.write(stats, "md", desk.calendar.tz)
    assert "## Telephone" in text and "| answered within 10 s" in text and "75.0%" in text
    assert "## Telephone by operator" in text and "Wang Fang" in text
    data = json.loads(reports.write(stats, "json", desk.calendar.tz))
    assert data["phone"]["missed"] == 2 and data["phone"]["by_operator"]["Liu Yang"]["answered"] == 1


async def test_the_statistics_screen_shows_the_telephone_once_there_are_calls(desk):
    from deskapp.app import DeskApp

    monday_of_calls(desk)
    record(desk, "2026-11-23 08:30")  # a period with no case shows only that sentence
    app = DeskApp(desk, "Chen Jing")
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await open_statistics(pilot, desk)
        assert screen.shown["Telephone"][1] == ("answered", "4")


def test_the_year_report_gives_novembers_telephone_as_the_month_does_and_the_year_whole(desk):
    from deskapp.output import year_report
    from deskapp.reads.year_figures import year_figures

    monday_of_calls(desk)
    figures = year_figures(desk, 2026)
    data = year_report.as_json(figures)
    november = data["months"][10]["phone"]
    assert (november["calls"], november["answered"], november["missed"], november["called_back"]) == (6, 4, 2, 1)
    assert data["months"][9]["phone"]["calls"] == 0
    assert data["total"]["phone"] == november  # the only month with calls: the year reads the same
    assert november["within_ring_limit"] == 0.75 and november["by_operator"]["Liu Yang"]["talk_median_seconds"] == 240
    text = year_report.write(figures, "md")
    assert "| answered within 10 s |" in text and "75.0%" in text
