"""Notices after the event (QP7.3 4.3.3) and the general apology (4.3.4): the water cut at 07:10 this
morning is announced at noon with an apology and an explanation, shown as such wherever notices are
listed; a notice missing either is refused in one plain line and nothing is written."""

from __future__ import annotations

import json

import pytest

from deskapp.desk.notices import add_notice
from deskapp.domain.errors import DeskError
from deskapp.domain.notices import NoticeKind
from deskapp.reads import notices
from deskapp.reads.notices import answer_for, kind_label
from tests.conftest import at

APOLOGY = "We apologise for the water cut this morning"
EXPLANATION = "A city main burst at 07:10; the supply was back at 09:30"


def test_the_morning_water_cut_is_announced_at_nine_after_it_happened(desk):
    posted = add_notice(desk, "water", "Water cut this morning", at("2026-11-23 07:10"), at("2026-11-23 08:40"),
                        building="Tower B", kind=NoticeKind.after_the_event, apology=APOLOGY,
                        explanation=EXPLANATION, announce_ahead=desk_ahead())
    assert posted.warning is None  # nobody could announce a burst main 24 hours ahead
    n = posted.notice
    assert (n.kind, n.apology, n.explanation) == ("after_the_event", APOLOGY, EXPLANATION)
    assert kind_label(n) == "after the event"
    # The cut is over, but the apology stays on the list and at intake for the tenants who ask.
    assert [x.id for x in notices.list_notices(desk)] == [n.id]
    assert [x.id for x in notices.matching_notices(desk, "Tower B", "12", at("2026-11-23 10:00"), desk_ahead())] == [n.id]
    reply = answer_for(n, desk.calendar.tz, desk.now())
    assert reply.startswith(APOLOGY) and reply.endswith(EXPLANATION)


def desk_ahead():
    from datetime import timedelta

    return timedelta(hours=24)


def test_an_apology_is_listed_for_two_weeks_after_it_is_posted_then_only_with_all(desk):
    n = add_notice(desk, "power", "Power cut", at("2026-11-23 06:00"), at("2026-11-23 07:00"),
                   kind=NoticeKind.after_the_event, apology="Sorry", explanation="Substation fault").notice
    planned_over = add_notice(desk, "lift", "Lift 2 service", at("2026-11-23 09:30"), at("2026-11-23 10:00")).notice
    desk.clock.set(at("2026-12-06 09:00"))  # 13 days on
    assert [x.id for x in notices.list_notices(desk)] == [n.id]
    desk.clock.set(at("2026-12-07 09:01"))  # past apology_days = 14
    assert notices.list_notices(desk) == []
    assert {x.id for x in notices.list_notices(desk, include_past=True)} == {n.id, planned_over.id}


def test_a_general_apology_carries_the_plan_that_puts_it_right(desk):
    n = add_notice(desk, "cleaning", "Washrooms on floors 10-14", at("2026-11-23 09:00"), at("2026-12-07 09:00"),
                   kind=NoticeKind.apology, apology="We apologise for the state of the washrooms",
                   explanation="A second cleaning round at noon from Monday").notice
    assert kind_label(n) == "apology" and notices.list_notices(desk) == [n]


@pytest.mark.parametrize("kind, starts, ends, apology, explanation, message", [
    (NoticeKind.after_the_event, "2026-11-23 07:10", "2026-11-23 08:40", "", EXPLANATION, "needs its apology"),
    (NoticeKind.after_the_event, "2026-11-23 07:10", "2026-11-23 08:40", APOLOGY, "  ", "needs its explanation"),
    (NoticeKind.after_the_event, "2026-11-23 10:00", "2026-11-23 12:00", APOLOGY, EXPLANATION, "already begun"),
    (NoticeKind.apology, "2026-11-23 09:00", "2026-11-30 09:00", "", "plan", "general apology needs its apology"),
    (NoticeKind.apology, "2026-11-23 09:00", "2026-11-30 09:00", "Sorry", "", "the plan and the measures"),
    (NoticeKind.apology, "2026-11-20 09:00", "2026-11-22 09:00", "Sorry", "plan", "would never be shown"),
    (NoticeKind.planned, "2026-11-22 07:10", "2026-11-22 08:40", "", "", "--after-the-event"),
    (NoticeKind.planned, "2026-11-24 07:10", "2026-11-24 08:40", APOLOGY, "", "go with a notice after the event"),
])
def test_a_notice_without_what_its_kind_must_say_is_refused(desk, kind, starts, ends, apology, explanation, message):
    with pytest.raises(DeskError, match=message):
        add_notice(desk, "water", "Water cut", at(starts), at(ends), kind=kind, apology=apology, explanation=explanation)
    assert notices.list_notices(desk, include_past=True) == []


def test_the_supervisor_posts_an_apology_after_the_event_from_the_command_line(cli):
    code, out, err = cli("notice-add", "Water cut this morning", "--topic", "water", "--after-the-event",
                         "--starts", "today 7:10", "--ends", "today 9:30", "--building", "Tower B",
                         "--apology", APOLOGY, "--explanation", EXPLANATION, "--by", "Chen Jing")
    assert code == 0 and "notice 1 posted" in out and "warning" not in err, err
    code, out, err = cli("notices", "--json")
    [shown] = json.loads(out)
    assert (shown["kind"], shown["apology"], shown["explanation"]) == ("after_the_event", APOLOGY, EXPLANATION)
    code, out, err = cli("notices")
    assert code == 0 and "water (after the event)" in out and "We apologise" in out, out


def test_a_general_apology_from_the_command_line_is_posted_for_two_weeks_from_now(cli):
    code, out, err = cli("notice-add", "Washrooms", "--topic", "cleaning", "--general-apology", "--apology",
                         "We apologise", "--explanation", "A second round at noon", "--json", "--by", "Chen Jing")
    assert code == 0, err
    posted = json.loads(out)
    assert posted["kind"] == "apology"
    assert (posted["starts_at"][:16], posted["ends_at"][:16]) == ("2026-11-24T12:00", "2026-12-08T12:00")


@pytest.mark.parametrize("args, message", [
    (["--after-the-event", "--starts", "today 7:10", "--ends", "today 9:30", "--explanation", EXPLANATION],
     "needs its apology"),
    (["--after-the-event", "--starts", "today 7:10", "--ends", "today 9:30", "--apology", APOLOGY],
     "needs its explanation"),
    (["--after-the-event", "--apology", APOLOGY, "--explanation", EXPLANATION], "when the cut started and ended"),
    (["--after-the-event", "--general-apology", "--apology", APOLOGY, "--explanation", EXPLANATION],
     "give one of them"),
    (["--starts", "today 7:10", "--ends", "today 9:30"], "--after-the-event"),
])
def test_a_bad_notice_after_the_event_is_one_plain_line_and_nothing_is_written(cli, args, message):
    code, out, err = cli("notice-add", "Water cut", "--topic", "water", *args, "--by", "Chen Jing")
    assert code == 2 and err.count("\n") == 1 and err.startswith("error: ") and message in err, err
    assert json.loads(cli("notices", "--all", "--json")[1]) == []


def test_in_chinese_the_list_says_after_the_event(cli, monkeypatch):
    monkeypatch.setenv("DESKAPP_LANG", "zh_CN")
    code, out, err = cli("notice-add", "今早停水", "--topic", "供水", "--after-the-event", "--starts", "今天 7:10",
                         "--ends", "今天 9:30", "--apology", "对今早停水给您带来的不便深表歉意",
                         "--explanation", "市政水管7:10爆裂，9:30恢复供水", "--by", "Chen Jing")
    assert code == 0, err
    code, out, err = cli("notices")
    assert "供水（事后说明）" in out and "深表歉意" in out, out
    code, out, err = cli("notice-add", "x", "--topic", "供水", "--after-the-event", "--starts", "今天 7:10",
                         "--ends", "今天 9:30", "--explanation", "市政水管爆裂", "--by", "Chen Jing")
    assert code == 2 and "致歉" in err and err.count("\n") == 1, err


async def test_at_intake_the_apology_shows_beside_the_form_and_answers_the_caller(desk):
    from textual.widgets import OptionList

    from deskapp.app import DeskApp
    from deskapp.domain.enums import Kind, Status
    from tests.conftest import settled, until
    from tests.helpers import cases, open_intake, tab, text_of, type_text

    add_notice(desk, "water", "Water cut this morning", at("2026-11-23 07:10"), at("2026-11-23 08:40"),
               building="Tower B", kind=NoticeKind.after_the_event, apology=APOLOGY, explanation=EXPLANATION)
    app = DeskApp(desk, "Wang Fang")
    async with app.run_test(size=(140, 45)) as pilot:
        await open_intake(pilot)
        await tab(pilot, 4)
        await type_text(pilot, "Tower B 12F 1203")
        await tab(pilot, 1)
        await type_text(pilot, "why was there no water this morning")
        listed = app.screen.query_one("#notice-list", OptionList)
        await until(pilot, lambda: listed.option_count, "the building's notices to be shown")
        await settled(pilot)
        shown = str(listed.get_option_at_index(0).prompt)
        assert "water (after the event): Water cut this morning" in shown and APOLOGY in shown
        listed.focus()
        await pilot.press("enter")
        await settled(pilot)
        assert f"“{APOLOGY} Water cut this morning" in text_of(app, "#readback-body")
        await pilot.press("enter")
        await settled(pilot)
    [c] = cases(desk)
    assert (c.kind, c.status) == (Kind.inquiry, Status.closed)
