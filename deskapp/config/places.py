"""Reads data/places.toml: the place register (buildings, their floors and names in both languages).

Read once per data folder. Without the file the register is empty: places are kept as said and no
building is warned about. A mistake in the file stops the desk with the file's name and the problem.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from deskapp.config.datafiles import DataFileError, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.places import Building, Place, PlaceRegister, place_of, read_place
from deskapp.i18n import _


def place_register(folder: Path | None = None) -> PlaceRegister:
    return _register(folder or data_dir())


@cache
def _register(folder: Path) -> PlaceRegister:
    path = folder / "places.toml"
    if not path.exists():
        return PlaceRegister()
    try:
        return PlaceRegister(tuple(_building(i, b) for i, b in enumerate(read_toml(path).get("building", []), start=1)))
    except (KeyError, TypeError, ValueError) as e:
        raise DataFileError(f"{path}: {e}") from None


def _building(index: int, raw: dict) -> Building:
    where = _("building {number}").format(number=index)
    for key in ("key", "en"):
        if not str(raw.get(key, "")).strip():
            raise ValueError(_("{where} needs {key}").format(where=where, key=key))
    lowest, highest = raw.get("floors", [1, 99])
    if not (isinstance(lowest, int) and isinstance(highest, int) and lowest <= highest):
        raise ValueError(_("{where}: floors must be [lowest, highest], not {value!r}").format(where=where, value=raw["floors"]))
    if "/" in raw["key"]:
        raise ValueError(_("{where}: a key cannot hold '/'").format(where=where))
    return Building(key=raw["key"].strip(), english=raw["en"].strip(), chinese=str(raw.get("zh_CN", "")).strip(),
                    aliases=tuple(str(a) for a in raw.get("aliases", [])), lowest=lowest, highest=highest,
                    basements=int(raw.get("basements", 0)))


def place_from_which(which: str, folder: Path | None = None) -> Place:
    return read_place(which, place_register(folder))


def place_key(building: str, floor: str, unit: str, folder: Path | None = None) -> str:
    """The canonical place of a case's building, floor and unit: "B/12/1203"."""
    return place_of(building, floor, unit, place_register(folder)).key
