"""The manuals' paper records, filled from the desk's data and worded in its language: what each
form says, not how it is drawn (deskapp.output.form_pdf and form_html draw it).

The layouts follow the manuals: the complaint handling record (顾客投诉记录, QR/GR-018), the
service work order (派工单) that comes back with the result, the internal coordination work order
(内部协调工作单, QR/GR-008), the customer information record of a day (顾客信息记录表, QR/GR-017)
and the callback sheet. Where a manual asks for a signature the form has a line for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from deskapp.domain.enums import AttemptResult, ClockName, Kind, Satisfaction
from deskapp.i18n import NP_, _, pgettext
from deskapp.output.sheets import callback_headings, callback_table, place_text
from deskapp.reads.callback_list import CallbackItem
from deskapp.reads.records import CaseRecord
from deskapp.reads.views import CaseView
from deskapp.words import display
from deskapp.words.coordination import price_text
from deskapp.words.labels import label
from deskapp.words.wording import kind_words

# The forms by the name `deskapp print --form` takes (an interface: English in every language).
CASE_FORMS = ("complaint-record", "work-order", "coordination")
DAY_FORMS = ("information-record", "callback-sheet")
FORMS = CASE_FORMS + DAY_FORMS


@dataclass(frozen=True)
class Table:
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    blank_rows: int = 0  # empty rows to fill in by hand


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[tuple[str, str], ...] = ()  # (label, value)
    table: Table | None = None


@dataclass(frozen=True)
class Form:
    title: str
    code: str  # the manual's number for the record, '' where it gives none
    heading: str  # the line under the title: the case, or the day
    sections: tuple[Section, ...]
    signatures: tuple[str, ...] = field(default=())  # who signs, one line each


TITLES = {
    "complaint-record": NP_("paper form", "Complaint handling record"),
    "work-order": NP_("paper form", "Service work order"),
    "coordination": NP_("paper form", "Internal coordination work order"),
    "information-record": NP_("paper form", "Customer information record"),
    "callback-sheet": NP_("paper form", "Callback sheet"),
}
CODES = {"complaint-record": "QR/GR-018", "coordination": "QR/GR-008", "information-record": "QR/GR-017"}


def case_heading(view: CaseView, tz: tzinfo, now: datetime) -> str:
    case = view.case
    return pgettext("paper form", "Case #{id} · {kind} · received {when}").format(
        id=case.id, kind=kind_words(case.kind, case.severity), when=_when(case.received_at, tz))


def signature_line(who: str) -> str:
    """'Customer: ______________________    Date: ______________', a line to sign on."""
    return pgettext("paper form", "{who}: ______________________    Date: ______________").format(who=who)


def day_heading(day: date, tz: tzinfo) -> str:
    """'2026-11-24 Tue' / '2026-11-24 周二': a record of a day is filed by its date."""
    return f"{day.isoformat()} {display.weekday(datetime.combine(day, datetime.min.time(), tz))}"


def _when(t: datetime | None, tz: tzinfo) -> str:
    """'2026-11-24 Tue 10:30' / '2026-11-24 周二 10:30': a paper record is filed for years, so every
    time on it carries its year (the screens' 'Tue 24 Nov 10:30' would not say which year)."""
    if t is None:
        return ""
    local = t.astimezone(tz)
    return f"{local:%Y-%m-%d} {display.weekday(local)} {local:%H:%M}"


def _call_section(view: CaseView, tz: tzinfo, now: datetime) -> Section:
    case = view.case
    return Section(pgettext("paper form", "The call"), (
        (pgettext("paper form", "Received"), _when(case.received_at, tz)),
        (pgettext("paper form", "Channel"), label(case.channel)),
        (pgettext("paper form", "Received by"), view.owner),
        (pgettext("paper form", "Caller"), _(", ").join(x for x in (case.who, case.company) if x)),
        (pgettext("paper form", "Phone"), case.phone),
        (pgettext("paper form", "Place"), place_text(case)),
        (pgettext("paper form", "Kind"), kind_words(case.kind, case.severity)),
        (pgettext("paper form", "Category"), case.category),
    ))


def _said_section(view: CaseView, tz: tzinfo, now: datetime, title: str) -> Section:
    case = view.case
    return Section(title, (
        (pgettext("paper form", "What"), case.what),
        (pgettext("paper form", "Why"), case.why),
        (pgettext("paper form", "How (what the caller asks)"), case.how),
        (pgettext("paper form", "Special requests"), case.special_requests),
        (pgettext("paper form", "Asked for by"), _when(case.requested_by, tz)),
        (pgettext("paper form", "Answer promised by"), _when(case.promised_by, tz)),
    ))


def _handling_table(record: CaseRecord, tz: tzinfo, now: datetime) -> Table:
    steps: list[tuple[datetime, tuple[str, str, str]]] = []
    for f in record.forwardings:
        signed = (_("{name}, {time}").format(name=f.acknowledged_by or "?", time=_when(f.acknowledged_at, tz))
                  if f.acknowledged_at else "")
        steps.append((f.at, (pgettext("paper form", "forwarded to {department}").format(department=f.department), f.by, signed)))
    for step in record.resolutions:
        steps.append((step.at, (pgettext("paper form", "resolved: {outcome}").format(outcome=step.text), step.by, "")))
    for kind, step in record.notes:
        if kind == "corrective":
            steps.append((step.at, (pgettext("paper form", "corrective action: {text}").format(text=step.text), step.by, "")))
    rows = tuple((_when(at, tz), *cells) for at, cells in sorted(steps, key=lambda s: s[0]))
    return Table((pgettext("paper form", "When"), pgettext("paper form", "Step"), pgettext("paper form", "By"), pgettext("paper form", "Signed for by the department")),
                 rows, blank_rows=0 if rows else 2)


def _callback_table(record: CaseRecord, tz: tzinfo, now: datetime) -> Table:
    rows = []
    for callback, attempts in record.callbacks:
        for a in attempts:
            signed = "" if a.signed is None else (pgettext("paper form", "signed") if a.signed else pgettext("paper form", "not signed"))
            satisfaction = label(Satisfaction(a.satisfaction)) if a.satisfaction else ""
            rows.append((_when(a.at, tz), label(callback.method), a.by, label(AttemptResult(a.result)),
                         satisfaction, signed))
    return Table((pgettext("paper form", "When"), pgettext("paper form", "How"), pgettext("paper form", "By"), pgettext("paper form", "Result"),
                  pgettext("paper form", "Satisfaction"), pgettext("paper form", "Customer's signature")),
                 tuple(rows), blank_rows=0 if rows else 2)


def complaint_record(record: CaseRecord, tz: tzinfo, now: datetime) -> Form:
    case = record.view.case
    validity = Section(pgettext("paper form", "Validity"), (
        (pgettext("paper form", "Decision"), label(case.validity)),
        (pgettext("paper form", "Ground"), case.validity_reason),
        (pgettext("paper form", "Decided"), _when(case.validity_at, tz)),
        (pgettext("paper form", "Responsible department"), record.view.department or ""),
    ))
    return Form(
        pgettext(*TITLES["complaint-record"]), CODES["complaint-record"], case_heading(record.view, tz, now),
        (_call_section(record.view, tz, now), _said_section(record.view, tz, now, pgettext("paper form", "The complaint")), validity,
         Section(pgettext("paper form", "Handling"), table=_handling_table(record, tz, now)),
         Section(pgettext("paper form", "Callback"), table=_callback_table(record, tz, now))),
        (pgettext("paper form", "Recorded by (reception)"), pgettext("paper form", "Head of the responsible department"),
         pgettext("paper form", "Customer")),
    )


def work_order(record: CaseRecord, tz: tzinfo, now: datetime) -> Form:
    case = record.view.case
    result = record.resolutions[-1] if record.resolutions else None
    order = Section(pgettext("paper form", "The work"), (
        (pgettext("paper form", "Department"), record.view.department or ""),
        (pgettext("paper form", "Assigned to"), record.view.assignee or ""),
        (pgettext("paper form", "Issued"), _when(case.forwarded_at or case.received_at, tz)),
        (pgettext("paper form", "Appointment"), _when(case.appointment_at, tz)),
        # The building manual and SOP 1.5: the customer is told before the work whether it is paid.
        (pgettext("paper form", "Paid or free"), _paid_words(case.paid)),
        (pgettext("paper form", "Quoted price"), price_text(case.price_cents)),
    ))
    done = Section(pgettext("paper form", "Returned with the result"), (
        (pgettext("paper form", "Arrived"), _when(case.arrived_at, tz)),
        (pgettext("paper form", "Finished"), _when(result.at, tz) if result else ""),
        (pgettext("paper form", "Result"), result.text if result else ""),
        (pgettext("paper form", "Materials and charge"), ""),
    ))
    return Form(
        pgettext(*TITLES["work-order"]), "", case_heading(record.view, tz, now),
        (_call_section(record.view, tz, now), _said_section(record.view, tz, now, pgettext("paper form", "What is to be done")),
         order, done),
        (pgettext("paper form", "Received by (department)"), pgettext("paper form", "Done by"), pgettext("paper form", "Customer's confirmation")),
    )


def _paid_words(paid: bool | None) -> str:
    """The work order's paid-or-free box: ticked when the desk recorded which, to tick by hand if not."""
    if paid is None:
        return pgettext("paper form", "□ free   □ paid")
    return pgettext("paper form", "paid work") if paid else pgettext("paper form", "free work")


def coordination(record: CaseRecord, tz: tzinfo, now: datetime) -> Form:
    case = record.view.case
    matter = Section(pgettext("paper form", "The matter"), (
        (pgettext("paper form", "What"), case.what),
        (pgettext("paper form", "Why"), case.why),
        (pgettext("paper form", "Place"), place_text(case)),
        (pgettext("paper form", "Responsible department"), record.view.department or ""),
        (pgettext("paper form", "Departments involved"), _(", ").join(dict.fromkeys(f.department for f in record.forwardings))),
    ))
    # The actions are agreed at the coordination and written in by hand: QP7.3 4.2.3 e asks for
    # each measure, the person responsible and the time it must be done by.
    # Those recorded at the desk (deskapp action-add) are printed; lines are left for more.
    recorded = tuple((x.what, x.owner, _when(x.clock.due, tz), _when(x.clock.met_at, tz))
                     for x in record.actions if x.clock.name is ClockName.action)
    actions = Table((pgettext("paper form", "Action"), pgettext("paper form", "Person responsible"), pgettext("paper form", "Done by (deadline)"),
                     pgettext("paper form", "Done (date, signature)")), recorded, blank_rows=2 if recorded else 5)
    checked = [x for x in record.actions if x.clock.name is ClockName.followup and x.done]
    return Form(
        pgettext(*TITLES["coordination"]), CODES["coordination"], case_heading(record.view, tz, now),
        (matter, Section(pgettext("paper form", "Actions"), table=actions),
         Section(pgettext("paper form", "Check of the result"), (
             (pgettext("paper form", "Checked"), _when(checked[-1].clock.met_at, tz) if checked else ""),
             (pgettext("paper form", "Result"), checked[-1].result if checked else "")))),
        (pgettext("paper form", "Issued by"), pgettext("paper form", "Heads of the departments involved"), pgettext("paper form", "Checked by")),
    )


def information_record(views: list[CaseView], day: date, tz: tzinfo, now: datetime) -> Form:
    rows = tuple(
        (f"{v.case.received_at.astimezone(tz):%H:%M}", label(v.case.channel),
         _(", ").join(x for x in (v.case.who, v.case.company) if x), v.case.phone, place_text(v.case),
         _("{kind}: {what}").format(kind=kind_words(v.case.kind, v.case.severity), what=v.case.what),
         v.department or ("" if v.case.kind is not Kind.inquiry else pgettext("paper form", "answered"))
         , "")
        for v in views
    )
    table = Table((pgettext("paper form", "Time"), pgettext("paper form", "Source"), pgettext("paper form", "Caller"), pgettext("paper form", "Phone"),
                   pgettext("paper form", "Place"), pgettext("paper form", "Content"), pgettext("paper form", "Passed to"),
                   pgettext("paper form", "Received by (signature)")), rows, blank_rows=0 if rows else 3)
    return Form(pgettext(*TITLES["information-record"]), CODES["information-record"], day_heading(day, tz),
        (Section(pgettext("paper form", "The day's calls"), table=table),),
        (pgettext("paper form", "Recorded by"), pgettext("paper form", "Checked by (supervisor)")))


def callback_form(items: list[CallbackItem], day: date, tz: tzinfo, now: datetime) -> Form:
    rows = tuple(tuple(row.values()) for row in callback_table(items, tz, now))
    return Form(pgettext(*TITLES["callback-sheet"]), "", day_heading(day, tz), (Section(pgettext("paper form", "Callbacks to make"),
                                           table=Table(tuple(callback_headings()), rows, blank_rows=0 if rows else 3)),),
                (pgettext("paper form", "Checked by (supervisor)"),))
