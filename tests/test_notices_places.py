"""The notices panel finds a notice however the caller's building is said: through the place register,
as the repeat-caller panel does ("B座" and "Tower B" are one building)."""

from __future__ import annotations

from datetime import timedelta

from deskapp.desk.notices import add_notice
from deskapp.domain.intake import split_which
from deskapp.reads import notices
from tests.conftest import at

AHEAD = timedelta(hours=24)


def test_a_water_cut_posted_for_tower_b_is_found_for_a_caller_in_b_zuo(desk):
    water = add_notice(desk, "water", "Water off", at("2026-11-23 10:00"), at("2026-11-23 14:00"),
                       building="Tower B", floors="12").notice
    building, floor, _unit = split_which("B座12层1203室")
    found = notices.matching_notices(desk, building, floor, at("2026-11-23 11:00"), AHEAD)
    assert [n.id for n in found] == [water.id]


def test_a_notice_posted_in_chinese_is_found_for_a_caller_who_says_block_b(desk):
    power = add_notice(desk, "power", "停电检修", at("2026-11-23 10:00"), at("2026-11-23 14:00"),
                       building="B座").notice
    building, floor, _unit = split_which("Block B 3F 301")
    assert [n.id for n in notices.matching_notices(desk, building, floor, at("2026-11-23 11:00"), AHEAD)] == [power.id]


def test_another_building_in_either_language_sees_none_of_it(desk):
    add_notice(desk, "water", "Water off", at("2026-11-23 10:00"), at("2026-11-23 14:00"), building="Tower B")
    for said in ("A座12层1203室", "Tower C 12F 1203"):
        building, floor, _unit = split_which(said)
        assert notices.matching_notices(desk, building, floor, at("2026-11-23 11:00"), AHEAD) == []


def test_a_building_the_register_does_not_know_still_matches_itself_however_it_is_spaced(desk):
    depot = add_notice(desk, "water", "Water off", at("2026-11-23 10:00"), at("2026-11-23 14:00"),
                       building="North Depot").notice
    assert [n.id for n in notices.matching_notices(desk, "north  depot", "", at("2026-11-23 11:00"), AHEAD)] == [depot.id]
    assert notices.matching_notices(desk, "South Depot", "", at("2026-11-23 11:00"), AHEAD) == []
