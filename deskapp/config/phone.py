"""The telephone link's settings: data/phone.toml (the manuals' call limits) and each member of
staff's extension, written beside them in staff.toml (`extension = "8001"`)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from deskapp.config.datafiles import DataFileError, read_toml
from deskapp.config.paths import data_dir
from deskapp.domain.phone import PhonePolicy, digits
from deskapp.i18n import _

_DEFAULTS = PhonePolicy()


def load_phone_policy(folder: Path | None = None) -> PhonePolicy:
    """The file is optional: a desk without one works to the manuals' numbers (2 working hours, 10 s, 3 min)."""
    path = (folder or data_dir()) / "phone.toml"
    if not path.exists():
        return _DEFAULTS
    raw = read_toml(path).get("phone", {})
    return PhonePolicy(
        callback_within=timedelta(minutes=_positive(path, raw, "callback_within_minutes", _DEFAULTS.callback_within / timedelta(minutes=1))),
        ring_limit=timedelta(seconds=_positive(path, raw, "ring_limit_seconds", _DEFAULTS.ring_limit.total_seconds())),
        talk_limit=timedelta(seconds=_positive(path, raw, "talk_limit_seconds", _DEFAULTS.talk_limit.total_seconds())),
    )


def _positive(path: Path, raw: dict, key: str, default: float) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise DataFileError(_("{path}: {key} must be a number above 0, not {value!r}").format(path=path, key=key, value=value))
    return float(value)


def staff_extensions(folder: Path | None = None) -> dict[str, str]:
    """Each extension's digits → the name of the member of staff who answers on it."""
    path = (folder or data_dir()) / "staff.toml"
    found: dict[str, str] = {}
    for entry in read_toml(path).get("staff", []):
        extension = digits(str(entry.get("extension", "")))
        if extension:
            if extension in found:
                raise DataFileError(_("{path}: extension {extension} is given to both {a!r} and {b!r}").format(
                    path=path, extension=extension, a=found[extension], b=entry.get("name")))
            found[extension] = entry["name"]
    return found
