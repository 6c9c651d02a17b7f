"""Snapshots of the queue with fixed cases and a fixed desk clock: one per state it can show, and
the queue of Chinese (and mixed Chinese and Latin) cases in the English and in the Chinese interface.

Update after an intended change of look: pytest tests/test_queue_snapshots.py --snapshot-update
"""

from __future__ import annotations

from deskapp.app import DeskApp
from deskapp.desk import workflow
from deskapp.domain.enums import Kind, Severity
from tests.conftest import at, settled
from tests.helpers import record

OPERATOR = "Liu Yang"
SIZE = (120, 24)


def a_morning_at_the_desk(desk) -> None:
    """Cases in every state at Monday 10:00: overdue, due soon, on time, waiting, and a major one."""
    record(desk, "2026-11-20 19:30", who="Ms Late", which="Tower B 12F 1203", what="ceiling leak over the server room")
    record(desk, "2026-11-23 09:44", who="Mr Soon", which="Tower A 3F 301", what="air conditioning too cold",
           severity=Severity.minor)
    record(desk, "2026-11-23 09:58", who="Ms Fine", which="Podium 1F", what="staff attitude at the gate")
    waiting = record(desk, "2026-11-23 09:00", who="Mr Away", which="Tower C 20F", what="noise from the floor above")
    workflow.forward(desk, waiting, "Security", at=at("2026-11-23 09:05"))
    workflow.pause(desk, waiting, "tenant away until Wednesday", at=at("2026-11-23 09:10"))
    record(desk, "2026-11-23 09:55", who="Mr Smoke", which="Tower A B1", what="smell of smoke in the car park",
           severity=Severity.major)
    record(desk, "2026-11-23 09:40", kind=Kind.inquiry, who="Ms Ask", which="Tower B 5F", what="when is the fire drill")


def app_at(desk, when: str) -> DeskApp:
    a_morning_at_the_desk(desk)
    desk.clock.set(at(when))
    return DeskApp(desk, OPERATOR)


async def open_queue(pilot) -> None:
    await pilot.press("f3")
    await settled(pilot)


def test_queue_in_every_state(desk, snap_compare):
    desk.clock.set(at("2026-11-23 10:00"))
    assert snap_compare(app_at(desk, "2026-11-23 10:00"), terminal_size=SIZE, run_before=open_queue)


def test_queue_before_the_desk_opens_shows_the_night_cases(desk, snap_compare):
    # A general complaint on Friday night waits for Monday's opening; a major one on Sunday night does not.
    record(desk, "2026-11-20 19:30", who="Ms Late", which="Tower B 12F 1203", what="ceiling leak over the server room")
    record(desk, "2026-11-22 23:10", who="Mr Smoke", which="Tower A B1", what="smell of smoke in the car park",
           severity=Severity.major)
    desk.clock.set(at("2026-11-23 07:30"))
    assert snap_compare(DeskApp(desk, OPERATOR), terminal_size=SIZE, run_before=open_queue)


def test_queue_filtered_to_overdue(desk, snap_compare):
    async def overdue_only(pilot) -> None:
        await open_queue(pilot)
        await pilot.press("t")
        await pilot.pause()

    desk.clock.set(at("2026-11-23 10:00"))
    assert snap_compare(app_at(desk, "2026-11-23 10:00"), terminal_size=SIZE, run_before=overdue_only)


def test_void_asks_for_confirmation(desk, snap_compare):
    async def void_first(pilot) -> None:
        await open_queue(pilot)
        await pilot.press("x")
        await settled(pilot)
        await pilot.press(*"recorded twice", "enter")
        await pilot.pause()

    desk.clock.set(at("2026-11-23 10:00"))
    assert snap_compare(app_at(desk, "2026-11-23 10:00"), terminal_size=SIZE, run_before=void_first)


def a_chinese_morning_at_the_desk(desk) -> None:
    """The same states with the names, places and words a Shanghai desk records: Chinese, Latin and both."""
    desk.clock.set(at("2026-11-23 10:00"))
    record(desk, "2026-11-20 19:30", who="王女士", which="B座12楼1203室", what="服务器机房天花板漏水，水滴到机柜上")
    record(desk, "2026-11-23 09:44", who="Mr Smith 史密斯", which="A座3楼301", what="空调太冷 air-con too cold",
           severity=Severity.minor)
    record(desk, "2026-11-23 09:58", who="张先生", which="裙楼1层大堂", what="门岗保安态度不好")
    waiting = record(desk, "2026-11-23 09:00", who="Ms Chen 陈", which="C座20楼", what="楼上装修噪音")
    workflow.forward(desk, waiting, "Security", at=at("2026-11-23 09:05"))
    workflow.pause(desk, waiting, "住户出差到周三", at=at("2026-11-23 09:10"))
    record(desk, "2026-11-23 09:55", who="刘经理", which="A座B1停车场", what="停车场有烟味 smoke", severity=Severity.major)
    record(desk, "2026-11-23 09:40", kind=Kind.inquiry, who="Ms Ask", which="B座5楼", what="消防演习是什么时候")
    record(desk, "2026-11-23 09:50", kind=Kind.repair, who="欧阳娜娜 Nana Ouyang", which="Tower B 12F 1203 卫生间",
           what="卫生间水龙头漏水 the tap in the washroom drips all night")


def test_chinese_cases_in_the_english_interface(desk, snap_compare):
    a_chinese_morning_at_the_desk(desk)
    desk.clock.set(at("2026-11-23 10:00"))
    assert snap_compare(DeskApp(desk, OPERATOR), terminal_size=SIZE, run_before=open_queue)


def test_chinese_cases_in_the_chinese_interface(desk, chinese, snap_compare):
    a_chinese_morning_at_the_desk(desk)
    desk.clock.set(at("2026-11-23 10:00"))
    assert snap_compare(DeskApp(desk, OPERATOR), terminal_size=SIZE, run_before=open_queue)


def test_chinese_cases_filtered_in_the_chinese_interface(desk, chinese, snap_compare):
    async def overdue_only(pilot) -> None:
        await open_queue(pilot)
        await pilot.press("t")
        await pilot.pause()

    a_chinese_morning_at_the_desk(desk)
    desk.clock.set(at("2026-11-23 10:00"))
    assert snap_compare(DeskApp(desk, OPERATOR), terminal_size=SIZE, run_before=overdue_only)
