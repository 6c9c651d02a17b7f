"""Every field of every case received in a period, one row a case, for spreadsheets (csv or xlsx).

Times are written in the desk's zone as "YYYY-MM-DD HH:MM:SS" text, the same in both formats, so
the xlsx and the csv hold exactly the same rows.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from enum import Enum
from pathlib import Path

from deskapp.desk.statistics import Named
from deskapp.models import Case
from deskapp.sheets import render

FORMATS = ("csv", "xlsx")
_NAMES = ("received_by", "department", "assignee")  # written beside the id each one resolves


def columns() -> list[str]:
    fields = list(Case.model_fields)
    for name in _NAMES:
        fields.insert(fields.index(f"{name}_id") + 1, name)
    return fields


def rows(items: list[Named], tz: tzinfo, full_phones: bool = False) -> list[dict[str, str]]:
    """Phone numbers are masked (138****8000) unless a supervisor asked for them in full."""
    names = columns()
    table = [{name: _cell(_value(item, name), tz) for name in names} for item in items]
    if not full_phones:
        for row in table:
            row["phone"] = mask_phone(row["phone"])
    return table


def mask_phone(phone: str) -> str:
    """Enough of a number to recognise it, not enough to call it: the first 3 and last 4 digits."""
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def _value(item: Named, name: str):
    return getattr(item, name) if name in _NAMES else getattr(item.case, name)


def _cell(value, tz: tzinfo) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value.astimezone(tz):%Y-%m-%d %H:%M:%S}"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def write_csv(table: list[dict[str, str]], path: Path) -> None:
    text = render(table, "csv") if table else ",".join(columns()) + "\n"
    path.write_text(text, encoding="utf-8", newline="")


def write_xlsx(table: list[dict[str, str]], path: Path, title: str) -> None:
    from openpyxl import Workbook  # loaded only for an xlsx export

    # Open the file before the workbook exists: a refused path then leaves no half-written sheet behind.
    with path.open("wb") as file:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(title[:31])  # Excel's limit on a sheet name
        sheet.append(columns())
        for row in table:
            sheet.append(list(row.values()))
        book.save(file)
