"""A form drawn as a PDF to print and sign: A4, the title and the manual's number at the top, the
fields in bordered cells like the paper record, a line for each signature.

fpdf2 (pure Python) embeds the part of a TrueType font the text uses, so the PDF prints the same
anywhere. The font must hold Chinese: DESKAPP_FONT, else the first of the usual CJK fonts found
(Debian's fonts-wqy-microhei or fonts-noto-cjk), else what fontconfig picks for Chinese.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from deskapp.domain.errors import DeskError
from deskapp.i18n import _, pgettext
from deskapp.output.forms import Form, Section, Table, signature_line

KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)
WIDE_AFTER = 7  # a table of more columns is printed on a landscape page


def chinese_font() -> Path:
    """The font file the forms are printed in; a plain refusal when the machine has none."""
    chosen = os.environ.get("DESKAPP_FONT")
    if chosen:
        if Path(chosen).is_file():
            return Path(chosen)
        raise DeskError(_("DESKAPP_FONT={path}: no such font file").format(path=chosen))
    for known in KNOWN_FONTS:
        if Path(known).is_file():
            return Path(known)
    found = _fontconfig_choice()
    if found is not None:
        return found
    raise DeskError(_("no font with Chinese on this machine to print with: install fonts-wqy-microhei "
                      "(apt-get install fonts-wqy-microhei) or set DESKAPP_FONT to a .ttf or .ttc file"))


def _fontconfig_choice() -> Path | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        out = subprocess.run(["fc-match", "-f", "%{file}", ":lang=zh-cn"], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(out.stdout.strip())
    return path if out.returncode == 0 and path.suffix.lower() in (".ttf", ".ttc", ".otf") and path.is_file() else None


def form_pdf(form: Form) -> bytes:
    """The form as the bytes of a PDF file."""
    from fpdf import FPDF  # loaded only to print: the rest of the desk never needs it

    wide = any(s.table is not None and len(s.table.headings) > WIDE_AFTER for s in form.sections)
    pdf = FPDF(orientation="L" if wide else "P", format="A4")
    pdf.set_margins(15, 15, 15)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("desk", "", str(chinese_font()))
    pdf.set_title(form.title)
    pdf.add_page()
    _title(pdf, form)
    for section in form.sections:
        _section(pdf, section)
    _signatures(pdf, form.signatures)
    return bytes(pdf.output())


def _title(pdf, form: Form) -> None:
    pdf.set_font("desk", size=16)
    pdf.cell(0, 10, form.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("desk", size=9)
    if form.code:
        pdf.cell(0, 5, pgettext("paper form", "No. {code}").format(code=form.code), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("desk", size=10)
    pdf.cell(0, 7, form.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _section(pdf, section: Section) -> None:
    pdf.set_font("desk", size=11)
    pdf.cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("desk", size=9)
    if section.fields:
        with pdf.table(col_widths=(1, 3), first_row_as_headings=False, line_height=6, text_align="LEFT") as table:
            for name, value in section.fields:
                row = table.row()
                row.cell(name)
                row.cell(value)
    if section.table is not None:
        _table(pdf, section.table)
    pdf.ln(3)


def _table(pdf, table: Table) -> None:
    from fpdf.fonts import FontFace

    # One face for the whole form (the CJK font has no bold): headings stand out by their shading.
    headings = FontFace(emphasis="", fill_color=(225, 225, 225))
    with pdf.table(first_row_as_headings=True, headings_style=headings, line_height=6, text_align="LEFT",
                   col_widths=column_widths(table)) as drawn:
        heading = drawn.row()
        for name in table.headings:
            heading.cell(name)
        for values in table.rows:
            row = drawn.row()
            for value in values:
                row.cell(value)
        for _n in range(table.blank_rows):
            row = drawn.row()
            for _name in table.headings:
                row.cell(" ")


def column_widths(table: Table, room: int = 150) -> tuple[float, ...]:
    """Each column as wide as its text needs, in character cells (a Chinese character counts two):
    a word that cannot break (a phone number, a time) stays whole, and when the page is too narrow
    for everything the long texts wrap instead. `room`: about the cells a landscape A4 line holds."""
    def cells(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    def whole(text: str) -> int:  # the longest run that must stay on one line (Chinese breaks anywhere)
        return max((cells(w) for w in text.split() if not any(ord(ch) > 0x2E80 for ch in w)), default=2)

    columns = [[row[i] for row in table.rows if i < len(row)] for i in range(len(table.headings))]
    hard = [max([5, *(whole(v) + 2 for v in values)]) for values in columns]
    need = [max(h, min(max([cells(head) // 2, *(cells(v) for v in values)], default=0), 40))
            for h, head, values in zip(hard, table.headings, columns)]
    # A column left for a signature is as wide as its heading, with room to sign.
    need = [max(n, cells(head), 12) if not any(values) else n for n, head, values in zip(need, table.headings, columns)]
    hard = [max(h, cells(head), 12) if not any(values) else h for h, head, values in zip(hard, table.headings, columns)]
    over = sum(need) - room
    give = sum(n - h for n, h in zip(need, hard))
    if over > 0 and give > 0:
        share = min(1.0, over / give)
        need = [n - (n - h) * share for n, h in zip(need, hard)]
    return tuple(float(n) for n in need)


def _signatures(pdf, signatures: tuple[str, ...]) -> None:
    pdf.set_font("desk", size=10)
    pdf.ln(6)
    for who in signatures:
        pdf.cell(0, 10, signature_line(who), new_x="LMARGIN", new_y="NEXT")
