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
# look-arounds instead of \b.
_WHICH = re.compile(
    r"(?P<building>.*?)\s*(?P<floor>(?<![0-9A-Za-z])(?:B|地下|负)?\d{1,3}\s*(?:F\b|层|楼)|\bfloor\s*\d{1,3}\b)"
    r"\s*(?:unit|room|#|单元|房间)?\s*(?P<unit>(?<![0-9])[A-Za-z]?\d{2,5}[A-Za-z]?(?![0-9]))?\s*(?:室|号|房)?",
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


@dataclass(frozen=True)
class Problem:
    field: str
    message: str

    def __str__(self) -> str:
        return self.message


# The free-text fields every intake is checked for, and the stored columns' lengths.
TEXT_FIELDS = ("who", "company", "which", "building", "floor", "unit", "what", "why", "how", "phone",
               "special_requests", "category")
LIMITS = {"building": 80, "floor": 20, "unit": 40, "phone": 40, "category": 80}


def text_problem(text: str, label: str, limit: int | None = None) -> str | None:
    """Control characters (other than line breaks and tabs) cannot be stored or shown faithfully.

    `label` names the text in the desk's language (the caller translates it).
    """
    for ch in text:
        if (ord(ch) < 32 and ch not in "\n\t\r") or 0x7F <= ord(ch) < 0xA0:
            return _("the {label} contains an invisible control character (U+{code}); retype it").format(
                label=label, code=f"{ord(ch):04X}")
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
    match = _WHICH.search(which or "")
    if not match:
        return (which or "").strip(), "", ""
    said_floor = match.group("floor")
    floor = re.sub(r"\D", "", said_floor)
    if said_floor.upper().startswith(("B", "地下", "负")):
        floor = "B" + floor  # a basement level
    return match.group("building").strip(" ,，"), floor, (match.group("unit") or "").upper()


def has_where(intake: Intake) -> bool:
    """Whether the caller said where they are from, in any of the ways the form takes it."""
    return any(v.strip() for v in (intake.which, intake.building, intake.floor, intake.unit, intake.company))
