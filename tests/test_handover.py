"""Shift handover: Wang Fang hands the Monday day shift over to Zhao Lei, who takes the night."""

from __future__ import annotations

import pytest

from deskapp.desk.handover import acknowledge_handover, hand_over
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.shifts import Shift, ShiftSpan, next_span, previous_span, span_at
from deskapp.reads.shift_summary import handovers, shift_summary, summary_sections
from deskapp.words.shifts import span_label
from tests.conftest import at
from tests.handover_cases import MONDAY_DAY, monday

ALL_BACKENDS = True

def test_shifts_come_from_the_calendar(calendar):
    day = span_at(calendar, at("2026-11-23 18:59"))
    assert day == ShiftSpan(Shift.day, *MONDAY_DAY)
    night = span_at(calendar, at("2026-11-23 19:00"))
    assert night == ShiftSpan(Shift.night, at("2026-11-23 19:00"), at("2026-11-24 08:00"))
    assert next_span(calendar, day) == night and previous_span(calendar, night) == day
    # Friday night runs to Monday morning: the weekend is one night.
    weekend = span_at(calendar, at("2026-11-22 03:00"))
    assert weekend == ShiftSpan(Shift.night, at("2026-11-20 19:00"), at("2026-11-23 08:00"))
    assert span_at(calendar, at("2026-11-23 07:59")) == weekend
    assert previous_span(calendar, day) == weekend
    assert span_label(day, calendar.tz) == "day shift Mon 23 Nov 08:00 – 19:00"


def test_the_summary_of_a_day_shift_has_every_section(desk):
    ids = monday(desk)
    s = shift_summary(desk, *MONDAY_DAY)
    assert s.came_in == 3  # the voided one and tonight's inquiry left out
    assert s.by_kind == {"complaint": 2, "repair": 1}
    assert s.by_severity == {"major": 2}
    assert s.by_channel == {"phone": 1, "visit": 1, "email": 1}
    assert [v.case.id for v in s.still_open] == [ids["old"], ids["major_done"], ids["major_missed"], ids["repair"]]
    # the repair's arrive clock runs on while the tenant is away
    assert [v.case.id for v in s.overdue] == [ids["old"], ids["major_missed"], ids["repair"]]
    assert [(m.view.case.id, m.escalated_at, m.notified) for m in s.major] == [
        (ids["major_done"], at("2026-11-23 09:10"), (("Sun Qiang", at("2026-11-23 09:15")),)),
        (ids["major_missed"], None, ())]
    assert s.next_shift_end == at("2026-11-24 08:00")
    assert [i.case.id for i in s.callbacks] == [ids["cb_due"]]
    assert [v.case.id for v in s.waiting] == [ids["repair"]]

    sections = dict(summary_sections(s, desk.calendar.tz))
    assert sections["Came in"] == ["3 cases", "by kind: complaint 2, repair 1", "by severity: major 2",
                                   "by channel: email 1, phone 1, visit 1"]
    assert sections["Major complaints (2)"] == [
        f"#{ids['major_done']} Mr Zhang's complaint · escalated Mon 09:10 · Sun Qiang Mon 09:15",
        f"#{ids['major_missed']} Ms Zhou's complaint · NOT escalated · no manager notified"]
    assert sections["Overdue now (3)"][0] == f"#{ids['old']} complaint (general): Mr Qian's complaint · forward OVERDUE Fri 09:20, 20 working h 30 min late"
    assert sections["Still open (4)"][1].endswith("resolve on time Wed 09:00, 1 day 14 h left")
    assert sections["Waiting on the customer (1)"][0].endswith("since Mon 12:00")
    assert sections["Callbacks due next shift (1)"][0].startswith(f"#{ids['cb_due']} due Mon 12:00 (overdue)")


def test_hand_over_and_acknowledge_record_both_names_and_times(desk):
    monday(desk)
    written = hand_over(desk, *MONDAY_DAY, "  lift 3 stuck at B2, engineers on it\nMr Zhang will call back  ",
                        by="Wang Fang")
    assert (written.outgoing, written.written_at, written.incoming, written.acknowledged_at) == (
        "Wang Fang", at("2026-11-23 18:50"), None, None)
    assert written.notes == "lift 3 stuck at B2, engineers on it\nMr Zhang will call back"
    assert written.shift == Shift.day and (written.start, written.end) == MONDAY_DAY
    desk.clock.set(at("2026-11-23 19:02"))
    taken = acknowledge_handover(desk, written.id, by="zhao lei")
    assert (taken.incoming, taken.acknowledged_at) == ("Zhao Lei", at("2026-11-23 19:02"))
    [kept] = handovers(desk, 10)
    assert (kept.outgoing, kept.written_at, kept.incoming, kept.acknowledged_at) == (
        "Wang Fang", at("2026-11-23 18:50"), "Zhao Lei", at("2026-11-23 19:02"))
    # The summary is kept as it stood at 18:50, whatever happens to the cases afterwards.
    assert dict(kept.sections)["Came in"][0] == "3 cases"
    assert [title for title, _ in kept.sections][1] == "Still open (4)"


def test_empty_notes_are_handed_over(desk):
    assert hand_over(desk, *MONDAY_DAY, "", by="Wang Fang").notes == ""


def test_refusals(desk):
    with pytest.raises(DeskError, match="control character") as refused:
        hand_over(desk, *MONDAY_DAY, "all quiet\x1b[2J", by="Wang Fang")
    assert refused.value.field == "notes"
    with pytest.raises(DeskError, match="must end after it starts"):
        hand_over(desk, MONDAY_DAY[1], MONDAY_DAY[1], "", by="Wang Fang")
    with pytest.raises(DeskError, match="must end after it starts"):
        hand_over(desk, MONDAY_DAY[1], MONDAY_DAY[0], "", by="Wang Fang")
    assert handovers(desk, 10) == []
    written = hand_over(desk, *MONDAY_DAY, "", by="Wang Fang")
    with pytest.raises(NotAllowed, match="already handed over by Wang Fang at Mon 09:00"):
        hand_over(desk, *MONDAY_DAY, "again", by="Liu Yang")
    with pytest.raises(NotAllowed, match="Wang Fang wrote this handover"):
        acknowledge_handover(desk, written.id, by="Wang Fang")
    acknowledge_handover(desk, written.id, by="Zhao Lei")
    with pytest.raises(NotAllowed, match="already acknowledged by Zhao Lei at Mon 09:00"):
        acknowledge_handover(desk, written.id, by="Liu Yang")
    with pytest.raises(DeskError, match="no handover 999"):
        acknowledge_handover(desk, 999, by="Zhao Lei")
    with pytest.raises(DeskError, match="not on the staff list"):
        earlier = previous_span(desk.calendar, ShiftSpan(Shift.day, *MONDAY_DAY))
        hand_over(desk, earlier.start, earlier.end, "", by="Nobody")
