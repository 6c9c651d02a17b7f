"""A form as one HTML page for the browser, laid out as the PDF is, and printable from there."""

from __future__ import annotations

from html import escape

from deskapp.i18n import chinese, pgettext
from deskapp.output.forms import Form, Section, Table, signature_line

STYLE = """
body { font-family: sans-serif; margin: 2em; }
h1 { text-align: center; font-size: 1.5em; margin-bottom: 0; }
.code { text-align: right; font-size: 0.8em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1em; }
th, td { border: 1px solid #000; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th.field { width: 25%; font-weight: normal; }
td.blank { height: 1.8em; }
.signature { margin-top: 2em; }
@media print { body { margin: 1cm; } }
"""


def form_html(form: Form) -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if chinese() else "en"}"><head><meta charset="utf-8">',
        f"<title>{escape(form.title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(form.title)}</h1>",
    ]
    if form.code:
        parts.append(f'<p class="code">{escape(pgettext("paper form", "No. {code}").format(code=form.code))}</p>')
    parts.append(f"<p>{escape(form.heading)}</p>")
    parts.extend(_section(section) for section in form.sections)
    parts.extend(f'<p class="signature">{escape(signature_line(who))}</p>' for who in form.signatures)
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _section(section: Section) -> str:
    parts = [f"<h2>{escape(section.title)}</h2>"]
    if section.fields:
        rows = "".join(f'<tr><th class="field">{escape(name)}</th><td>{escape(value)}</td></tr>'
                       for name, value in section.fields)
        parts.append(f"<table>{rows}</table>")
    if section.table is not None:
        parts.append(_table(section.table))
    return "\n".join(parts)


def _table(table: Table) -> str:
    heading = "".join(f"<th>{escape(name)}</th>" for name in table.headings)
    rows = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in values) + "</tr>" for values in table.rows)
    blank = ("<tr>" + '<td class="blank"></td>' * len(table.headings) + "</tr>") * table.blank_rows
    return f"<table><tr>{heading}</tr>{rows}{blank}</table>"
