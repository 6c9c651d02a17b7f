"""One category however it is written: the list in data/categories.toml, the intake and the month's figures."""

from __future__ import annotations

import pytest

from deskapp.config.categories import category_list, category_words
from deskapp.config.datafiles import DataFileError
from deskapp.desk.intake import record_intake
from deskapp.domain.enums import Kind
from deskapp.domain.intake import Intake
from deskapp.i18n import use_language
from deskapp.reads.statistics import month, statistics
from tests.conftest import at
from tests.helpers import cases

CATEGORIES = category_list()


@pytest.mark.parametrize("typed", ["air-conditioning", "air conditioning", "Air Conditioning", "空调", "aircon", "HVAC"])
def test_every_spelling_of_air_conditioning_is_one_category(typed):
    assert CATEGORIES.key(typed) == "air conditioning"
    assert CATEGORIES.canonical(typed) == "air conditioning" and CATEGORIES.canonical(typed, chinese=True) == "空调"


def test_suggestions_start_with_what_is_typed_in_the_desks_language():
    assert [c.name for c in CATEGORIES.suggest("air")][:2] == ["air conditioning", "air quality"]
    assert CATEGORIES.suggest("空", chinese=True)[0].shown(chinese=True) in {"空调", "空气质量"}
    assert CATEGORIES.suggest("") == []


def test_a_category_not_in_the_list_is_kept_as_typed_and_marked():
    assert CATEGORIES.canonical("  pigeons  on the roof ") == "pigeons on the roof"
    assert not CATEGORIES.listed("pigeons")
    assert category_words("pigeons") == "pigeons (not in the list)"
    assert category_words("air conditioning") == "air conditioning"


def test_a_list_with_a_nameless_category_names_its_file(tmp_path):
    (tmp_path / "categories.toml").write_text('[[category]]\nzh_CN = "空调"\n')
    with pytest.raises(DataFileError, match="categories.toml: category 1 needs name"):
        category_list(tmp_path)


def _repair(desk, category, received="2026-11-10 09:00"):
    return record_intake(desk, Intake(kind=Kind.repair, who="Ms Li", which="Tower B 12F 1203", what="too warm",
                                      category=category, received_at=at(received))).case.id


def test_the_intake_keeps_the_lists_name_in_the_desks_language(desk):
    _repair(desk, "air-conditioning")
    with use_language("zh_CN"):
        _repair(desk, "Air Conditioning")
    _repair(desk, "pigeons")
    assert [c.category for c in cases(desk)] == ["air conditioning", "空调", "pigeons"]


def test_the_month_counts_every_spelling_on_one_line_and_marks_the_unlisted(desk):
    for category in ("air-conditioning", "air conditioning"):
        _repair(desk, category)
    with use_language("zh_CN"):
        _repair(desk, "空调")
    _repair(desk, "pigeons")
    stats = statistics(desk, month(2026, 11, desk.calendar.tz))
    assert stats.counts["category"] == {"air conditioning": 3, "pigeons": 1}
    assert stats.unlisted == {"pigeons"}
