"""A case's paper records printed from the screens: which of the manuals' forms apply to the case, and
each written as a PDF to print and sign with an HTML copy for the browser, in the desk's prints folder.

`deskapp print` writes one form to the file it is told; the case detail has no file to be told, so
its forms go to one folder the desk knows: DESKAPP_PRINTS if set, else `prints/` beside the database
(as `backups/` is), each named by the case and the form so a reprint replaces the one before.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from deskapp.config.paths import default_db_path, sqlite_path
from deskapp.domain.enums import ClockName, Kind
from deskapp.domain.errors import DeskError
from deskapp.i18n import _, pgettext
from deskapp.output import forms
from deskapp.output.files import private_file
from deskapp.reads.records import CaseRecord, case_record
from deskapp.store.context import Desk

_FILL = {"complaint-record": forms.complaint_record, "work-order": forms.work_order,
         "coordination": forms.coordination}


@dataclass(frozen=True)
class Printed:
    title: str  # the form's name in the desk's language
    pdf: Path
    html: Path


def prints_dir(desk: Desk) -> Path:
    """Where the screens' printed forms go: DESKAPP_PRINTS, else prints/ beside the database."""
    chosen = os.environ.get("DESKAPP_PRINTS")
    if chosen:
        return Path(chosen).expanduser()
    path = sqlite_path(str(desk.engine.url))
    return (path.parent if path is not None else default_db_path().parent) / "prints"


def forms_for(record: CaseRecord) -> list[str]:
    """The case's own forms: a complaint its complaint record, any other case its work order, and
    the coordination work order once an action or follow-up is on it."""
    found = ["complaint-record" if record.view.case.kind is Kind.complaint else "work-order"]
    if any(x.clock.name in (ClockName.action, ClockName.followup) for x in record.actions):
        found.append("coordination")
    return found


def form_title(form: str) -> str:
    return pgettext(*forms.TITLES[form])


def applicable_forms(desk: Desk, case_id: int) -> list[str]:
    return forms_for(case_record(desk, case_id))


def print_case(desk: Desk, case_id: int, form: str, folder: Path | None = None) -> Printed:
    """The form filled from the case as it stands, written as PDF and HTML; a plain refusal when the
    machine has no font to print with or the folder cannot be written."""
    from deskapp.output.form_html import form_html
    from deskapp.output.form_pdf import form_pdf

    folder = folder or prints_dir(desk)
    filled = _FILL[form](case_record(desk, case_id), desk.calendar.tz, desk.now())
    pdf = form_pdf(filled)  # before any file is made: without a font nothing is written
    base = folder / f"case-{case_id}-{form}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # the desk's own, as backups/ is
        _write(base.with_suffix(".pdf"), pdf)
        _write(base.with_suffix(".html"), form_html(filled).encode("utf-8"))
    except OSError as e:
        raise DeskError(_("cannot write the form in {path}: {problem}").format(
            path=folder, problem=e.strerror or e)) from None
    return Printed(filled.title, base.with_suffix(".pdf"), base.with_suffix(".html"))


def _write(path: Path, content: bytes) -> None:
    with private_file(path) as file:
        file.write(content)
