"""`deskapp print`: the manuals' paper records of a case or of a day, as PDF to sign or HTML."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer

from deskapp.cli.common import DbOption, Failure, case_number, described, desk_for, pick, plain_errors
from deskapp.domain.enums import Kind
from deskapp.i18n import N_, NP_, _
from deskapp.output import forms
from deskapp.output.files import private_file
from deskapp.words.labels import label

Opt = typer.Option
FILE_KINDS = ("pdf", "html")


# The forms as `--form` takes them: the English name (an interface) or the desk's own word for it.
FORM_WORDS = {
    "complaint-record": NP_("form name", "complaint-record"),
    "work-order": NP_("form name", "work-order"),
    "coordination": NP_("form name", "coordination"),
    "information-record": NP_("form name", "information-record"),
    "callback-sheet": NP_("form name", "callback-sheet"),
}


@described(N_("Print one of the manuals' records, to sign: a case's complaint record, work order or "
              "coordination work order, or a day's information record or callback sheet."))
@plain_errors
def print_(
    case_id: Annotated[str | None, typer.Argument(metavar="CASE", help=N_("Case number (for the case's forms)."),
                                                  show_default=False)] = None,
    form: Annotated[str | None, Opt("--form", help=N_(
        "complaint-record (a case's default), work-order, coordination; information-record (a day's default), "
        "callback-sheet."), show_default=False)] = None,
    on: Annotated[str | None, Opt("--date", help=N_("The day, such as 2026-11-24, of a day's record (default: today)."))] = None,
    output: Annotated[Path | None, Opt("--output", "-o", help=N_("The file to write: FILE.pdf to print, or FILE.html for the browser."))] = None,
    db: DbOption = None,
):
    form = _form_named(form) if form is not None else (
        "complaint-record" if case_id is not None else "information-record")
    if output is None:
        raise Failure(_("say where to write the form: -o FILE.pdf to print, or -o FILE.html"))
    suffix = output.suffix.lstrip(".").lower()
    if suffix not in FILE_KINDS:
        raise Failure(_("{path} does not end in .pdf or .html").format(path=output))
    if form in forms.CASE_FORMS and case_id is None:
        raise Failure(_("--form {form} is a case's record: give the case number").format(form=form))
    if form in forms.DAY_FORMS and case_id is not None:
        raise Failure(_("--form {form} is a day's record: give --date, not a case number").format(form=form))
    number = case_number(case_id) if case_id is not None else None
    desk = desk_for(db)
    filled = _filled(desk, form, number, on)
    _write(output, suffix, filled)
    typer.echo(_("{form} written to {path}").format(form=filled.title, path=output))


def _form_named(text: str) -> str:
    """The form's English name, typed as itself (in any language) or as the desk calls it."""
    if text.strip().lower() in FORM_WORDS:
        return text.strip().lower()
    return pick(text, FORM_WORDS, "--form")


def _filled(desk, form: str, case_id: int | None, on: str | None) -> forms.Form:
    from deskapp.reads.callback_list import pending_callbacks
    from deskapp.reads.records import case_record, day_cases

    tz, now = desk.calendar.tz, desk.now()
    if case_id is not None:
        record = case_record(desk, case_id)
        if form == "complaint-record" and record.view.case.kind is not Kind.complaint:
            raise Failure(_("case #{id} is not a complaint but {kind}: print its work order (--form work-order)").format(
                id=case_id, kind=label(record.view.case.kind)))
        return {"complaint-record": forms.complaint_record, "work-order": forms.work_order,
                "coordination": forms.coordination}[form](record, tz, now)
    day = _day(on) if on else now.astimezone(tz).date()
    if form == "information-record":
        return forms.information_record(day_cases(desk, day), day, tz, now)
    # The sheet of a day: every callback still to make that falls due by its end, the late ones first.
    end = datetime.combine(day + timedelta(days=1), time(), tz)
    items = [item for item in pending_callbacks(desk) if item.callback.due_at < end]
    return forms.callback_form(items, day, tz, now)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Failure(_("--date {text!r} is not a day such as 2026-11-24").format(text=text)) from None


def _write(output: Path, suffix: str, filled: forms.Form) -> None:
    if suffix == "pdf":
        from deskapp.output.form_pdf import form_pdf

        content = form_pdf(filled)
    else:
        from deskapp.output.form_html import form_html

        content = form_html(filled).encode("utf-8")
    try:
        with private_file(output) as file:
            file.write(content)
    except OSError as e:
        raise Failure(_("cannot write {path}: {problem}").format(path=output, problem=e.strerror or e)) from None
