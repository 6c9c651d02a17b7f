"""One place however it is said: the place register, the repeat-caller panel, the batch check and the search."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from deskapp.config.datafiles import DataFileError
from deskapp.config.places import place_register
from deskapp.desk.intake import record_intake
from deskapp.domain.batch import BatchRule
from deskapp.domain.enums import Kind, Severity
from deskapp.domain.intake import Intake
from deskapp.domain.places import key_matches, place_warning, read_place
from deskapp.models import Case
from deskapp.reads import callers
from deskapp.reads.queries import list_cases
from deskapp.store import db
from tests.conftest import at

ALL_BACKENDS = True

REGISTER = place_register()


@pytest.mark.parametrize("said", ["B座12层1203室", "Tower B 12F 1203", "tower b, 12F unit 1203", "Block B 12F room 1203",
                                  "B栋12楼1203"])
def test_a_unit_said_in_either_language_is_one_place(said):
    place = read_place(said, REGISTER)
    assert place.key == "B/12/1203" and place.known
    assert place.shown() == "Tower B 12F 1203" and place.shown(chinese=True) == "B座12层1203室"


def test_a_floor_a_basement_and_a_building_alone_have_their_own_keys():
    assert read_place("Tower B 12F", REGISTER).key == "B/12"
    assert read_place("裙楼地下1层", REGISTER).key == "P/B1"
    assert read_place("Podium", REGISTER).key == "P"
    assert key_matches("B/12/1203", "B/12") and key_matches("B/12/1203", "B")
    assert not key_matches("B/120/1203", "B/12")


def test_an_unknown_building_is_kept_as_said_and_warned_about_in_words():
    place = read_place("Tower Z 99F", REGISTER)
    assert not place.known and place.key == "?towerz/99"
    warning = place_warning(place, REGISTER)
    assert "'Tower Z' is not a building the desk knows" in warning and "Tower A, Tower B, Tower C, Podium" in warning
    assert "B座, C座" in place_warning(place, REGISTER, chinese=True)


def test_a_floor_the_building_does_not_have_is_warned_about():
    assert "Podium has no floor 12 (floors 1 to 5 and basements B1 to B2)" in place_warning(
        read_place("Podium 12F", REGISTER), REGISTER)
    assert place_warning(read_place("Tower B 30F", REGISTER), REGISTER) is None


def test_a_register_with_a_mistake_names_its_file(tmp_path):
    (tmp_path / "places.toml").write_text('[[building]]\nkey = "A"\nen = "Tower A"\nfloors = [30, 1]\n')
    with pytest.raises(DataFileError, match="places.toml: building 1: floors must be"):
        place_register(tmp_path)


def _complaint(desk, which, phone="13800138000", category="water leak", received="2026-11-23 08:40"):
    return record_intake(desk, Intake(kind=Kind.complaint, severity=Severity.general, who="Ms Li", phone=phone,
                                      which=which, category=category, what="water dripping",
                                      received_at=at(received))).case.id


def test_the_case_keeps_one_canonical_place(desk):
    case = _complaint(desk, "B座12层1203室")
    with desk.reading() as session:
        assert session.get(Case, case).place_key == "B/12/1203"


def test_the_repeat_caller_panel_finds_the_unit_written_the_other_way(desk):
    chinese = _complaint(desk, "B座12层1203室", phone="")
    english = _complaint(desk, "Tower B 12F 1203", phone="")
    found = callers.caller_history(desk, building="Tower B", floor="12", unit="1203")
    assert {c.id for c in found.open_cases} == {chinese, english}
    assert {c.id for c in callers.caller_history(desk, building="B座", floor="12", unit="1203").open_cases} == {chinese, english}


def test_a_leak_reported_in_both_languages_and_spellings_is_one_possible_batch(desk):
    rule = BatchRule(window=timedelta(minutes=60), callers=3)
    _complaint(desk, "B座12层1201室", phone="13800138000", category="漏水", received="2026-11-23 08:30")
    _complaint(desk, "Tower B 12F 1210", phone="13900139000", category="water leak", received="2026-11-23 08:45")
    _complaint(desk, "Tower B 120F 1210", phone="13600136000", received="2026-11-23 08:50")  # not floor 12
    reports = callers.batch_check(desk, "Tower B", "12", "Water-Leak", "13700137000", rule)
    assert len({r.caller for r in reports}) == 3


def test_searching_for_a_place_finds_the_place_not_fragments_of_phone_numbers_or_companies(desk):
    at_b12 = _complaint(desk, "B座12层1203室", phone="13800138000")
    elsewhere = record_intake(desk, Intake(kind=Kind.repair, who="Mr Zhang", company="Tower Bridge Ltd", phone="13912120000",
                                           which="Tower A 3F 301", what="12F of our order form says tower b",
                                           received_at=at("2026-11-23 08:00"))).case.id
    found = {v.case.id for v in list_cases(desk, search="Tower B 12F")}
    assert found == {at_b12} and elsewhere not in found
    assert {v.case.id for v in list_cases(desk, search="B座12层 dripping")} == {at_b12}
    assert {v.case.id for v in list_cases(desk, search="Tower A")} == {elsewhere}


def test_the_migration_fills_the_place_of_cases_recorded_before_it(desk, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the same migration; one database is enough")
    case = _complaint(desk, "B座12层1203室")
    with desk.engine.begin() as connection:
        connection.execute(sa.update(Case).values(place_key=""))
    _downgrade(desk.engine)
    db.upgrade(desk.engine)
    with desk.reading() as session:
        assert session.get(Case, case).place_key == "B/12/1203"


def _downgrade(engine):
    from alembic import command

    with engine.begin() as connection:
        command.downgrade(db._alembic_config(connection), "0008")


def test_the_history_counts_and_lists_the_place_not_its_fragments(desk):
    from deskapp.reads.history_source import HistoryFilter, HistorySource

    at_b12 = {_complaint(desk, "B座12层1203室"), _complaint(desk, "Tower B 12F 1210", phone="13912120000")}
    _complaint(desk, "Tower B 1F 120", phone="13712000000")  # floor 1: "12" only in its unit and phone
    source = HistorySource(desk, HistoryFilter(text="Tower B 12F"))
    assert source.row_count() == 2 and set(source.keys(0, 10)) == at_b12
