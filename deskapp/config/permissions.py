"""data/permissions.toml → who may take each step, the PIN rules and the validity grounds.

Read once per data folder, like the other data files; a mistake stops the desk with the file's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from pathlib import Path

from deskapp.config.datafiles import DataFileError, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.enums import Validity
from deskapp.domain.permissions import Ground, PinPolicy, StepRules, rules_from_dict
from deskapp.i18n import _, language


@dataclass(frozen=True)
class Permissions:
    steps: StepRules
    pins: PinPolicy
    grounds: tuple[Ground, ...]

    def ground(self, typed: str) -> Ground | None:
        """The ground typed: its key, or its name in either language, in any letter case."""
        wanted = typed.strip().lower().replace("-", "_")
        return next((g for g in self.grounds if wanted == g.key
                     or wanted in {name.lower() for name in g.names.values()}), None)


def permissions(folder: Path | None = None) -> Permissions:
    return _read(folder or data_dir())


def ground_label(key: str, folder: Path | None = None) -> str:
    """A ground as the desk reads it ('a misunderstanding of the rules' / '对规定的误解'); unknown keys as stored."""
    ground = next((g for g in permissions(folder).grounds if g.key == key), None)
    if ground is None:
        return key
    return ground.names.get(language(), ground.names.get("en", key))


@cache
def _read(folder: Path) -> Permissions:
    path = folder / "permissions.toml"
    raw = read_toml(path)
    try:
        return Permissions(rules_from_dict(raw), _pins(raw.get("pins", {})), _grounds(raw.get("ground", [])))
    except (ValueError, TypeError, KeyError) as e:
        raise DataFileError(_("{path}: {problem}").format(path=path, problem=e)) from None


def _pins(raw: dict) -> PinPolicy:
    digits, wrong, minutes = int(raw.get("digits", 6)), int(raw.get("wrong_before_lock", 5)), raw.get("lock_minutes", 30)
    if not 4 <= digits <= 12:
        raise ValueError(_("[pins] digits: between 4 and 12"))
    if wrong < 1 or float(minutes) <= 0:
        raise ValueError(_("[pins] wrong_before_lock and lock_minutes: more than 0"))
    return PinPolicy(digits, wrong, timedelta(minutes=float(minutes)))


def _grounds(entries: list) -> tuple[Ground, ...]:
    grounds = []
    for entry in entries:
        names = {k: str(v) for k, v in entry.items() if k not in ("key", "validity")}
        grounds.append(Ground(str(entry["key"]), Validity(entry["validity"]), names))
    return tuple(grounds)
