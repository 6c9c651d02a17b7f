"""What a new case must hold before the desk accepts it, said in plain words per field.

The same checks serve the CLI and the intake screen, so a message reads the same everywhere. They are
put together, with the fields named in the desk's words, by `words.intake_problems.check_intake`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from deskapp.domain.enums import Channel, Kind, Severity
from deskapp.i18n import _

_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_PHONE_DIGITS = re.compile(r"\+?\d{7,15}")
# "Tower B 12F unit 1203", "Tower C floor 7 room 702", and the Chinese way: "B座12层1203室", "A座3楼",
# "裙楼地下1层". Digits are not word characters' neighbours in Chinese (座12 has no \b), hence the
# look-arounds instead of \b. The floor is searched for on its own and the unit matched from where it
# ends: one pattern with a lazy building in front ("(?P<building>.*?)") retried the whole tail from
# every start, quadratic in the text's length (a 16,000-character Which took 28 s).
_FLOOR = re.compile(
    r"(?<![0-9A-Za-z])(?:B|地下|负)?\d{1,3}\s*(?:F\b|层|楼)|\bfloor\s*\d{1,3}\b",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"\s*(?:unit|room|#|单元|房间)?\s*(?P<unit>(?<![0-9])[A-Za-z]?\d{2,5}[A-Za-z]?(?![0-9]))?",
    re.IGNORECASE,
)


@dataclass
class Intake:
    """Everything the receptionist records about one call or visit (the 5W1H and the rest)."""

    kind: Kind
    what: str
    received_at: datetime
    channel: Channel = Channel.phone
    severity: Severity | None = None
    category: str = ""
    who: str = ""  # Who: the caller's name
    company: str = ""  # Who: their company or tenant
    which: str = ""  # Which: where they are from, as said
    building: str = ""
    floor: str = ""
    unit: str = ""
    why: str = ""
    how: str = ""  # How they want it handled
    phone: str = ""
    special_requests: str = ""
    appointment_at: datetime | None = None
    requested_by: datetime | None = None  # a deadline the customer asked for
    promised_by: datetime | None = None  # when the desk promised an answer
    # The answer script's questions asked and the answers given, labelled (domain.scripts.answers_note):
    # kept in the case's history with the intake.
    script_answers: str = ""
    urgent: bool = False  # people trapped, flooding, fire alarm, injury: clocks in wall minutes at any hour
    outside_party: str = ""  # another unit or outside party involved (the water utility, a neighbour)
    # A repair's work order: paid or free work (None: not said yet) and the price quoted, in cents.
    paid: bool | None = None
    price_cents: int | None = None
    # The courtesy the manuals ask of the operator, ticked at the read-back: the apology a complaint opens
    # with (QP7.3 4.2.3 a) and the thanks every call closes with (SOP 1.7). Not ticked: not given.
    apologised: bool = False
    thanked: bool = False


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return self.message


# The free-text fields every intake is checked for.
TEXT_FIELDS = ("who", "company", "which", "building", "floor", "unit", "what", "why", "how", "phone",
               "special_requests", "category", "outside_party")
# The most characters each text may hold: the short ones as their columns are declared
# (deskapp.models.case; the Which is split into the building, so it is held to the building's), the
# free texts at a length no call needs and no screen, parser or database chokes on.
FREE_TEXT_LIMIT = 10_000
LIMITS = {"building": 80, "floor": 20, "unit": 40, "phone": 40, "category": 80, "which": 80}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text_problem(text: str, label: str, limit: int | None = FREE_TEXT_LIMIT) -> str | None:
    """Control characters (other than line breaks and tabs) cannot be stored or shown faithfully;
    bytes that were not UTF-8 (a script in GBK) arrive as lone surrogates and cannot be stored at all.

    `label` names the text in the desk's language (the caller translates it).
    """
    found = _SURROGATE.search(text)
    if found:
        return _("the {label} is not valid UTF-8 text (perhaps typed or saved in another encoding such as GBK); "
                 "save it as UTF-8 and try again").format(label=label)
    found = _CONTROL.search(text)
    if found:
        return _("the {label} contains an invisible control character (U+{code}); retype it").format(
            label=label, code=f"{ord(found.group()):04X}")
    if limit is not None and len(text) > limit:
        return _("the {label} is too long ({length} characters; at most {limit})").format(
            label=label, length=len(text), limit=limit)
    return None


def phone_problem(text: str) -> str | None:
    """A plain-language reason the phone number is not usable, or None when it is."""
    compact = _PHONE_SEPARATORS.sub("", text)
    if not _PHONE_DIGITS.fullmatch(compact):
        return _("{text!r} does not look like a phone number: use digits, "
                 "a mobile like 13800138000 or a landline like 021-5550 1234").format(text=text)
    return None


def normalise_phone(text: str) -> str:
    """The number as it is stored and searched: digits only, with a leading + kept."""
    return _PHONE_SEPARATORS.sub("", text.strip())


def split_which(which: str) -> tuple[str, str, str]:
    """Best-effort building, floor and unit from what the caller said ("Tower B 12F unit 1203",
    "B座12层1203室")."""
    which = which or ""
    floor_said = _FLOOR.search(which)
    if not floor_said:
        return which.strip(), "", ""
    said_floor = floor_said.group()
    floor = re.sub(r"\D", "", said_floor)
    if said_floor.upper().startswith(("B", "地下", "负")):
        floor = "B" + floor  # a basement level
    unit_said = _UNIT.match(which, floor_said.end())  # always matches (the unit is optional); None to the checker
    unit = (unit_said.group("unit") if unit_said else "") or ""
    return which[:floor_said.start()].strip().strip(" ,，"), floor, unit.upper()


def has_where(intake: Intake) -> bool:
    """Whether the caller said where they are from, in any of the ways the form takes it."""
    return any(v.strip() for v in (intake.which, intake.building, intake.floor, intake.unit, intake.company))
