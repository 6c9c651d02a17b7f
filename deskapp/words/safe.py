"""Stored text as it may be shown: control characters made visible, never sent to a terminal raw.

Input refuses control characters (deskapp.domain.intake.text_problem), but records written before
that check, restored from elsewhere or typed through another program can still hold them. An
escape sequence printed raw retitles the receptionist's terminal or wipes her screen, so every
output path (CLI, reports, exports) passes text through `visible` first.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL and the C1 controls (0x9B is a one-byte CSI), the
# bidirectional overrides that reorder what is shown, and lone surrogates (not text at all).
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same without line breaks allowed: for a value shown on one line (a table cell, a file name).
_HIDDEN_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with each control character written as an escape (ESC → `\\x1b`); tabs and line
    breaks stay."""
    if not text:
        return text
    return _HIDDEN.sub(_escape, text)


def visible_line(text: str) -> str:
    """As `visible`, and line breaks and tabs as escapes too: for one line of output."""
    if not text:
        return text
    return _HIDDEN_ONE_LINE.sub(_escape, text)


def is_plain(text: str) -> bool:
    return not _HIDDEN.search(text or "")


# Cells a spreadsheet would read as a formula (=, +, -, @) or that a CSV import splits on (tab, CR):
# OWASP's advice is a leading single quote, which Excel and LibreOffice show as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_text(text: str) -> str:
    """Stored text as a spreadsheet cell: control characters made visible, never a live formula."""
    shown = visible(text)
    return "'" + shown if shown.startswith(_FORMULA_START) else shown


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_safe(dumped: str) -> str:
    """JSON text with the characters json.dumps(ensure_ascii=False) leaves raw (the C1 controls,
    0x9B being a terminal's CSI, and the bidi overrides) written as \\u escapes: still the same
    value when read back, never a control sequence on a terminal."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
