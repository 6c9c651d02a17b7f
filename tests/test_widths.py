"""Columns measured in cells: mixed Chinese and Latin text lines up and is never cut mid-character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deskapp.words.widths import cells, clip, fit

MIXED = st.text(alphabet=st.sampled_from(list("abcXYZ 0123-王芳张伟报修漏水楼层B座1203室")), max_size=30)


def test_chinese_characters_take_two_cells():
    assert cells("王芳") == 4
    assert cells("Tower A 12楼") == 12


def test_a_long_chinese_name_is_clipped_with_an_ellipsis_within_the_width():
    assert clip("卫生间天花板漏水严重", 9) == "卫生间天…"
    assert cells(clip("卫生间天花板漏水严重", 9)) == 9


def test_a_wide_character_that_would_straddle_the_edge_is_left_out_whole():
    # 'ab' (2) + '王' (2) + '芳' would end at cell 6; 5 cells leave room for 'ab王' and the ellipsis.
    assert clip("ab王芳c", 5) == "ab王…"
    assert clip("ab王芳c", 4) == "ab…"


def test_short_text_is_left_alone_and_padded_to_the_column():
    assert clip("王芳", 10) == "王芳"
    assert fit("王芳", 6) == "王芳  "
    assert fit("12", 4, align="right") == "  12"


@given(MIXED, st.integers(min_value=1, max_value=24))
def test_fit_is_always_exactly_the_column_width(text, width):
    shown = fit(text, width)
    assert cells(shown) == width
    kept = shown.rstrip(" ").removesuffix("…")
    assert text.startswith(kept.rstrip(" ")) or kept == ""


@given(MIXED, st.integers(min_value=1, max_value=24))
def test_clip_never_exceeds_the_width_and_only_cuts_what_does_not_fit(text, width):
    shown = clip(text, width)
    assert cells(shown) <= width
    assert (shown == text) == (cells(text) <= width)
