"""Whatever a script or a phone system sends to `deskapp add` (and a few other commands): the value is
stored exactly (exit 0), or refused in one plain line (exit 2). Never a traceback, and never an
escape sequence on the terminal."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deskapp.domain.intake import normalise_phone

ALL_BACKENDS = True  # PostgreSQL's column limits are where a too-long text used to crash

# The stored field each text option fills.
TEXT_OPTIONS = {
    "--who": "who", "--company": "company", "--which": "which", "--building": "building", "--floor": "floor",
    "--unit": "unit", "--what": "what", "--why": "why", "--how": "how", "--phone": "phone",
    "--category": "category", "--special": "special_requests",
}
OTHER_OPTIONS = ("--kind", "--severity", "--channel", "--appointment", "--requested", "--promised", "--received", "--by")

# Anything at all: control characters, escapes, lone surrogates (bytes that were not UTF-8), long runs.
ANY_TEXT = st.one_of(
    st.text(max_size=120),
    st.text(st.characters(codec=None, min_codepoint=0, max_codepoint=0x20FF), max_size=40),
    st.sampled_from(["\x1b[2J\x1b]0;pwned\x07", "\x9b31m", "\udcb0\udca1", "=1+1", "-x", "9999-12-31 10:00",
                     "0001-01-01T00:00+14:00", "B" * 200, " ", "", "2026-11-24 10:00", "complaint", "Chen Jing"]),
    st.builds(lambda c, n: c * n, st.sampled_from(["1 ", "a", "12F ", "\u202e"]), st.integers(1, 3000)),
)
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
RAW_CODES = ("\x1b", "\x07", "\x9b", "\x90", "\x9d")


def _no_traceback_and_no_raw_codes(code: int, out: str, err: str) -> None:
    assert "Traceback" not in out + err
    assert not any(c in out + err for c in RAW_CODES), (out, err)
    assert code in (0, 2), (code, err)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), err


@SETTINGS
@given(option=st.sampled_from(sorted(TEXT_OPTIONS)), value=ANY_TEXT)
def test_any_text_option_is_stored_exactly_or_refused_in_one_line(cli, option, value):
    base = ["add", "--kind", "inquiry", "--json"]
    if option != "--what":
        base += ["--what", "a call"]
    code, out, err = cli(*base, f"{option}={value}")
    _no_traceback_and_no_raw_codes(code, out, err)
    if code == 0:
        stored = json.loads(out)[TEXT_OPTIONS[option]]
        assert stored == (normalise_phone(value) if option == "--phone" else value.strip())


@SETTINGS
@given(option=st.sampled_from(OTHER_OPTIONS), value=ANY_TEXT)
def test_any_choice_or_time_is_taken_or_refused_in_one_line(cli, option, value):
    kind = [] if option == "--kind" else ["--kind", "complaint", "--who", "Ms Li", "--which", "Tower B 12F 1203"]
    severity = [] if option in ("--kind", "--severity") else ["--severity", "general"]
    code, out, err = cli("add", *kind, *severity, "--what", "a call", "--json", f"{option}={value}")
    _no_traceback_and_no_raw_codes(code, out, err)
    if code == 0:
        assert json.loads(out)["id"] >= 1


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=ANY_TEXT)
def test_a_few_other_commands_take_any_text(cli, value):
    for args in (("list", f"--search={value}"), ("show", value or "0"), ("callbacks", f"--caller={value}"),
                 ("notice-add", value, "--starts", "2026-11-25 09:00", "--ends", "2026-11-25 12:00")):
        code, out, err = cli(*args)
        _no_traceback_and_no_raw_codes(code, out, err)
