"""Every field of every case received in a period, one row a case, for spreadsheets (csv or xlsx).

Times are written in the desk's zone: as "YYYY-MM-DD HH:MM:SS" text in the csv, the same in both
languages, and as real dates (without a zone, as Excel wants them) in the xlsx, where numbers and
yes/no are real numbers and booleans too, so that a supervisor can sort and sum.

What people typed is written as a cell that is never a formula: text beginning with = + - @ (or a
tab or CR) gets OWASP's leading single quote, and control characters are shown as escapes.

A supervisor opens the file in a spreadsheet: the column headings are in the desk's language (the
field names themselves in English, 'received_at'; 受理时间 in Chinese), and so are the category
values (deskapp.words.labels: 'in progress' / 处理中), the departments (department_label) and yes/no.
What people typed, and the staff's names, are written as they are. The rows are keyed by the
field names (`columns()`) whatever the language.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, tzinfo
from enum import Enum
from pathlib import Path

from deskapp.config.departments import department_label
from deskapp.domain.enums import Channel, Kind, Severity, Status, Validity
from deskapp.i18n import NP_, pgettext
from deskapp.models import Case
from deskapp.output.files import private_file, write_private_text
from deskapp.reads.statistics import Named
from deskapp.words.labels import label
from deskapp.words.safe import cell_text

FORMATS = ("csv", "xlsx")
_NAMES = ("received_by", "department", "assignee")  # written beside the id each one resolves
# The column for the case's owner keeps the stored field's name (received_by_id), as exports always have.
_NAMED_BY = {"received_by": "owner"}

# Each column's heading: the field's own name in English, as the export has always written it.
_HEADINGS = {name: marked for name, marked in [
    ("id", NP_("export column", "id")),
    ("channel", NP_("export column", "channel")),
    ("kind", NP_("export column", "kind")),
    ("severity", NP_("export column", "severity")),
    ("category", NP_("export column", "category")),
    ("who", NP_("export column", "who")),
    ("company", NP_("export column", "company")),
    ("which", NP_("export column", "which")),
    ("building", NP_("export column", "building")),
    ("floor", NP_("export column", "floor")),
    ("unit", NP_("export column", "unit")),
    ("place_key", NP_("export column", "place_key")),
    ("what", NP_("export column", "what")),
    ("why", NP_("export column", "why")),
    ("how", NP_("export column", "how")),
    ("phone", NP_("export column", "phone")),
    ("special_requests", NP_("export column", "special_requests")),
    ("appointment_at", NP_("export column", "appointment_at")),
    ("requested_by", NP_("export column", "requested_by")),
    ("promised_by", NP_("export column", "promised_by")),
    ("received_at", NP_("export column", "received_at")),
    ("received_by_id", NP_("export column", "received_by_id")),
    ("received_by", NP_("export column", "received_by")),
    ("after_hours", NP_("export column", "after_hours")),
    ("status", NP_("export column", "status")),
    ("validity", NP_("export column", "validity")),
    ("validity_reason", NP_("export column", "validity_reason")),
    ("validity_ground", NP_("export column", "validity_ground")),
    ("validity_at", NP_("export column", "validity_at")),
    ("department_id", NP_("export column", "department_id")),
    ("department", NP_("export column", "department")),
    ("assignee_id", NP_("export column", "assignee_id")),
    ("assignee", NP_("export column", "assignee")),
    ("forwarded_at", NP_("export column", "forwarded_at")),
    ("acknowledged_at", NP_("export column", "acknowledged_at")),
    ("escalated_at", NP_("export column", "escalated_at")),
    ("arrived_at", NP_("export column", "arrived_at")),
    ("resolved_at", NP_("export column", "resolved_at")),
    ("outcome", NP_("export column", "outcome")),
    ("reopened_at", NP_("export column", "reopened_at")),
    ("reopen_count", NP_("export column", "reopen_count")),
    ("callback_at", NP_("export column", "callback_at")),
    ("explained_at", NP_("export column", "explained_at")),
    ("analysed_at", NP_("export column", "analysed_at")),
    ("paused_since", NP_("export column", "paused_since")),
    ("urgent", NP_("export column", "urgent")),
    ("outside_party", NP_("export column", "outside_party")),
    ("outside_party_at", NP_("export column", "outside_party_at")),
    ("contacted_at", NP_("export column", "contacted_at")),
    ("flagged", NP_("export column", "flagged")),
    ("converted_at", NP_("export column", "converted_at")),
    ("chase_count", NP_("export column", "chase_count")),
    ("paid", NP_("export column", "paid")),
    ("price_cents", NP_("export column", "price_cents")),
    ("apologised", NP_("export column", "apologised")),
    ("thanked", NP_("export column", "thanked")),
    ("incident_id", NP_("export column", "incident_id")),  # the batch incident the case is in (schema 0017)
    ("voided_at", NP_("export column", "voided_at")),
    ("void_reason", NP_("export column", "void_reason")),
    ("version", NP_("export column", "version")),
]}
_YES_NO = {True: NP_("export value", "True"), False: NP_("export value", "False")}


def columns() -> list[str]:
    """The rows' keys: the case's field names, with each resolved name beside its id."""
    fields = list(Case.model_fields)
    for name in _NAMES:
        fields.insert(fields.index(f"{name}_id") + 1, name)
    return fields


def headings() -> list[str]:
    """The columns as the spreadsheet heads them, in the desk's language."""
    return [pgettext(*_HEADINGS[name]) if name in _HEADINGS else name for name in columns()]


def rows(items: list[Named], tz: tzinfo, full_phones: bool = False, typed: bool = False) -> list[dict]:
    """Phone numbers are masked (138****8000) unless a supervisor asked for them in full.

    typed=True (for xlsx): times, numbers and yes/no as values instead of text."""
    names = columns()
    cell = _TypedCells(tz) if typed else _Cells(tz)
    table = [{name: cell(_value(item, name)) for name in names} for item in items]
    departments: dict[str, str] = {}  # each department's shown name, looked up once
    for row in table:
        name = row["department"]
        if name not in departments:
            departments[name] = department_label(name) or name
        row["department"] = departments[name]
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
    return getattr(item, _NAMED_BY.get(name, name)) if name in _NAMES else getattr(item.case, name)


class _Cells:
    """A value as a cell's text, the category values and yes/no looked up once per export."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.labels: dict[tuple[type, Enum], str] = {
            (type(v), v): label(v) for enum in (Channel, Kind, Severity, Status, Validity) for v in enum}
        self.yes_no = {value: pgettext(*marked) for value, marked in _YES_NO.items()}

    def __call__(self, value) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime):
            return f"{value.astimezone(self.tz):%Y-%m-%d %H:%M:%S}"
        if isinstance(value, bool):
            return self.yes_no[value]
        if isinstance(value, Enum):
            shown = self.labels.get((type(value), value))
            return shown if shown is not None else str(value.value)
        if isinstance(value, str):
            return cell_text(value)
        return str(value)


class _TypedCells(_Cells):
    """For xlsx: a time as a datetime in the desk's zone without its offset (Excel has no zones),
    ids and counts as numbers, yes/no as booleans; text as in the csv."""

    def __call__(self, value):
        if value is None or isinstance(value, (bool, int, float)):
            return value
        if isinstance(value, datetime):
            return value.astimezone(self.tz).replace(tzinfo=None)
        return super().__call__(value)


def write_csv(table: list[dict[str, str]], path: Path) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings())  # the headings alone when nothing came in, for a spreadsheet to open
    writer.writerows(row.values() for row in table)
    # With a byte-order mark, Excel reads the file as UTF-8; without one it guesses the system's
    # code page (GBK on a Chinese Windows) and garbles every Chinese name.
    write_private_text(path, out.getvalue(), encoding="utf-8-sig")


def write_xlsx(table: list[dict], path: Path, title: str) -> None:
    """`table` from rows(typed=True); text rows (typed=False) are written as text."""
    from openpyxl import Workbook  # loaded only for an xlsx export
    from openpyxl.cell import WriteOnlyCell

    # Open the file before the workbook exists: a refused path then leaves no half-written sheet behind.
    with private_file(path) as file:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(cell_text(title)[:31])  # Excel's limit on a sheet name
        sheet.append(headings())
        for row in table:
            sheet.append([_xlsx_cell(sheet, WriteOnlyCell, value) for value in row.values()])
        book.save(file)


def _xlsx_cell(sheet, make, value):
    if not isinstance(value, str):
        return value
    # openpyxl makes any text beginning with "=" a formula; a typed text is always a string cell.
    cell = make(sheet, value=value)
    cell.data_type = "s"
    return cell
