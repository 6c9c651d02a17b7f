"""The place register: the buildings the desk serves, and one canonical place however a caller says it.

"B座12层1203室" and "Tower B 12F 1203" are the same unit. The register (data/places.toml, read by
deskapp.config.places) names each building in both languages and the other ways callers say it; here
are only its shape, the reading of what was said and the canonical key kept on the case (B/12/1203),
on which the repeat-caller panel, the batch-incident check and the search match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deskapp.domain.intake import split_which
from deskapp.i18n import _

_NOT_NAME = re.compile(r"[\s\-_.,，、·]+")
_BASEMENT = re.compile(r"B(\d+)")


@dataclass(frozen=True)
class Building:
    key: str  # kept on every case: "B"
    english: str  # "Tower B"
    chinese: str  # "B座"
    aliases: tuple[str, ...] = ()
    lowest: int = 1
    highest: int = 99
    basements: int = 0

    def name(self, chinese: bool = False) -> str:
        return self.chinese if chinese and self.chinese else self.english

    def has_floor(self, floor: str) -> bool:
        basement = _BASEMENT.fullmatch(floor)
        if basement:
            return 1 <= int(basement.group(1)) <= self.basements
        return floor.isdigit() and self.lowest <= int(floor) <= self.highest


@dataclass(frozen=True)
class PlaceRegister:
    buildings: tuple[Building, ...] = ()

    def building(self, said: str) -> Building | None:
        """The building `said` names, by its key, either language's name or an alias; None if unknown."""
        wanted = said_name(said)
        if not wanted:
            return None
        for b in self.buildings:
            if wanted in {said_name(n) for n in (b.key, b.english, b.chinese, *b.aliases) if n}:
                return b
        return None


@dataclass(frozen=True)
class Place:
    """A place as understood: the building (None when the register does not know it), floor and unit."""

    said_building: str  # as the caller said it: "B座", "Tower B", "Tower Z"
    floor: str  # "12", "B1" for a basement, "" if not said
    unit: str  # "1203", "" if not said
    building: Building | None = None

    @property
    def key(self) -> str:
        """The canonical place kept on the case: "B/12/1203", "B/12", "B"; an unknown building by its
        name as said, folded ("?towerz/99"), so it still matches itself written the same way."""
        if self.building is not None:
            head = self.building.key
        elif self.said_building.strip():
            head = "?" + said_name(self.said_building)
        else:
            head = ""
        parts = [head, self.floor, self.unit]
        while parts and not parts[-1]:
            parts.pop()
        return "/".join(parts) if head else ""

    @property
    def known(self) -> bool:
        return self.building is not None

    def shown(self, chinese: bool = False) -> str:
        """The place in the desk's way of writing it: "Tower B 12F 1203" / "B座12层1203室"."""
        building = self.building.name(chinese) if self.building else self.said_building.strip()
        if chinese:
            return building + (f"{self.floor}层" if self.floor else "") + (f"{self.unit}室" if self.unit else "")
        return " ".join(x for x in (building, f"{self.floor}F" if self.floor else "", self.unit) if x)


def said_name(text: str) -> str:
    """A building's name folded for matching: letter case, spaces and punctuation do not matter."""
    return _NOT_NAME.sub("", text or "").lower()


def read_place(which: str, register: PlaceRegister) -> Place:
    """What the caller said ("Tower B 12F 1203", "B座12层1203室") as a place of the register."""
    building, floor, unit = split_which(which)
    return place_of(building, floor, unit, register)


def place_of(building: str, floor: str, unit: str, register: PlaceRegister) -> Place:
    """A place from its parts as the form or a file gives them."""
    return Place(building.strip(), floor.strip().upper(), unit.strip().upper(), register.building(building))


def place_warning(place: Place, register: PlaceRegister, chinese: bool = False) -> str | None:
    """In words, why the place should be checked with the caller; None when the register knows it.

    A warning, not a refusal: a new tenant's building may not be in the register yet."""
    if not register.buildings or not place.said_building:
        return None
    if place.building is None:
        names = ", ".join(b.name(chinese) for b in register.buildings)
        return _("{building!r} is not a building the desk knows ({names}); check it with the caller").format(
            building=place.said_building, names=names)
    if place.floor and not place.building.has_floor(place.floor):
        b = place.building
        below = _(" and basements B1 to B{lowest}").format(lowest=b.basements) if b.basements else ""
        return _("{building} has no floor {floor} (floors {lowest} to {highest}{below}); check it with the caller").format(
            building=b.name(chinese), floor=place.floor, lowest=b.lowest, highest=b.highest, below=below)
    return None


def key_matches(key: str, wanted: str) -> bool:
    """Whether a case's place is within the place searched for: "B/12/1203" is within "B/12" and "B"."""
    return bool(wanted) and (key == wanted or key.startswith(wanted + "/"))
