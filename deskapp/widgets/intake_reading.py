"""From the form's text to an Intake: times read, places split, every problem worded per field.

No Textual here: the form widget calls this on every keystroke, and the tests call it directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo

from deskapp.config.categories import category_list
from deskapp.config.places import place_register
from deskapp.domain.enums import Channel, Kind, Severity
from deskapp.domain.intake import Intake, split_which
from deskapp.domain.places import Place, place_warning, read_place
from deskapp.domain.timeparse import TimeError, parse_time
from deskapp.i18n import _, chinese
from deskapp.words.intake_problems import check_intake

# The outside party comes last: its row was added after Channel, so the form's order stays as it was.
TEXT_FIELDS = ("who", "company", "phone", "which", "what", "why", "how", "special_requests", "category", "outside_party")
TIME_FIELDS = ("received_at", "appointment_at", "requested_by", "promised_by")
CHOICE_FIELDS = ("kind", "severity", "channel", "department")
ALL_FIELDS = CHOICE_FIELDS + TEXT_FIELDS + TIME_FIELDS


@dataclass(frozen=True)
class Reading:
    intake: Intake | None  # None while a time cannot be read or the kind is not chosen
    problems: dict[str, str]  # field → plain-language message
    times: dict[str, datetime]  # the times read so far, to show beside their fields
    place: tuple[str, str, str]  # building, floor, unit as understood from "which"
    # Worth checking with the caller, but not refused: a building the place register does not know,
    # a category not in the list.
    warnings: dict[str, str] = field(default_factory=dict)
    understood_place: Place | None = None  # the place as the register reads it

    @property
    def ok(self) -> bool:
        return self.intake is not None and not self.problems


def read_form(values: dict[str, str], tz: tzinfo, now: datetime) -> Reading:
    problems: dict[str, str] = {}
    times: dict[str, datetime] = {}
    for name in TIME_FIELDS:
        text = values.get(name, "").strip()
        if not text:
            if name == "received_at":
                problems[name] = _("say when the call came in: now, 09:05 or 2026-11-23 09:05")
            continue
        try:
            times[name] = parse_time(text, tz, now)
        except TimeError as e:
            problems[name] = str(e)
    place = split_which(values.get("which", ""))
    understood, warnings = _place_and_warnings(values)
    kind = _choice(Kind, values.get("kind"))
    if kind is None:
        problems["kind"] = _("choose what kind of call it is: inquiry, repair, complaint, assistance or suggestion")
        return Reading(None, problems, times, place, warnings, understood)
    severity = _choice(Severity, values.get("severity")) if kind is Kind.complaint else None
    if kind is not Kind.repair:
        values = {**values, "department": ""}
    building, floor, unit = place
    intake = Intake(
        kind=kind, severity=severity, channel=_choice(Channel, values.get("channel")) or Channel.phone,
        what=values.get("what", ""), received_at=times.get("received_at", now),
        who=values.get("who", ""), company=values.get("company", ""), which=values.get("which", "").strip(),
        building=building, floor=floor, unit=unit, why=values.get("why", ""), how=values.get("how", ""),
        phone=values.get("phone", "").strip(), special_requests=values.get("special_requests", ""),
        category=values.get("category", ""), appointment_at=times.get("appointment_at"),
        requested_by=times.get("requested_by"),
        # A promise runs the answer clock for every kind; the row is typed for inquiries and set by a
        # script's dispatch wording for any kind (intake_answers).
        promised_by=times.get("promised_by"),
        outside_party=values.get("outside_party", "").strip() if kind is Kind.complaint else "",
    )
    for problem in check_intake(intake):
        problems.setdefault(problem.field, problem.message)
    if "received_at" in times and times["received_at"] > now:
        problems.setdefault("received_at", _("the time received is in the future; use now or an earlier time"))
    usable = not any(name in problems for name in TIME_FIELDS)
    return Reading(intake if usable else None, problems, times, place, warnings, understood)


def _place_and_warnings(values: dict[str, str]) -> tuple[Place | None, dict[str, str]]:
    warnings: dict[str, str] = {}
    register, which = place_register(), values.get("which", "")
    understood = read_place(which, register) if which.strip() else None
    if understood is not None:
        warning = place_warning(understood, register, chinese())
        if warning:
            warnings["which"] = warning
    category = values.get("category", "").strip()
    categories = category_list()
    if category and categories.categories and not categories.listed(category):
        warnings["category"] = _("not in the category list: recorded as typed and marked for the supervisor")
    return understood, warnings


def _choice(enum, text: str | None):
    try:
        return enum(text) if text else None
    except ValueError:
        return None
