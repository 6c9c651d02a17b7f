"""The operator's own keys: keymap.toml in their config folder, binding ids mapped to keys.

    # ~/.config/deskapp/keymap.toml
    [queue]
    filter_kind = "ctrl+k"     # the queue's kind filter on ctrl+k instead of k
    [app]
    open_queue = "f3,f9"       # the queue on F3 or F9

Each id is `screen.action` as the keys panel's screens name them (`app.open_queue`,
`queue.filter_kind`, `intake.save`); a TOML table per screen and `queue.filter_kind = "…"` are
the same thing. This module only reads the file and checks it against the bindings the app hands
it (ids it has, no key given twice on a screen); the app hands the result to Textual
(`App.set_keymap`). A file the desk cannot use raises KeymapError with
the file's name and the problem in plain words; the app then says so and keeps its usual keys.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

from deskapp.i18n import _

FILE_NAME = "keymap.toml"


class KeymapError(ValueError):
    """A keymap file the desk cannot use; the message names the file and what is wrong."""


def keymap_file(environ: Mapping[str, str] = os.environ) -> Path:
    """DESKAPP_KEYMAP if set; otherwise keymap.toml in the user's config folder (XDG)."""
    chosen = environ.get("DESKAPP_KEYMAP")
    if chosen:
        return Path(chosen).expanduser()
    base = environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "deskapp" / FILE_NAME


def read_keymap(path: Path) -> dict[str, str]:
    """{binding id: keys} from the file, the keys as Textual writes them ("ctrl+k", "f3,f9").
    No file is no change: an empty dict."""
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as problem:
        raise KeymapError(_("{file} cannot be read as TOML: {problem}").format(file=path, problem=problem)) from None
    return {ident: _keys(path, ident, value) for ident, value in _flat(data)}


def check_ids(keymap: Mapping[str, str], known: Iterable[str], path: Path) -> None:
    """Every id in the file must name one of the desk's keys: a typo would otherwise do nothing, silently."""
    unknown = sorted(set(keymap) - set(known))
    if unknown:
        raise KeymapError(_("{file} names keys the desk does not have: {ids}").format(
            file=path, ids=", ".join(unknown)))


def check_clashes(keymap: Mapping[str, str], screens: Mapping[str, Iterable[tuple[str, str]]], path: Path) -> None:
    """No key may do two things on one screen: Textual would keep one of them and drop the other
    without a word. `screens` holds each screen's (or widget's) bindings as (id, its usual keys);
    a swap (k for s, s for k) is fine, since the check is on the keys as they end up."""
    clashes = []
    for bindings in screens.values():
        given: dict[str, set[str]] = {}
        for ident, usual in bindings:
            for key in keymap.get(ident, usual).split(","):
                given.setdefault(key.strip(), set()).add(ident)
        clashes += [f"{key} ({', '.join(sorted(ids))})" for key, ids in given.items()
                    if len(ids) > 1 and ids & set(keymap)]
    if clashes:
        raise KeymapError(_("{file} gives one key to two things on one screen: {clashes}").format(
            file=path, clashes="; ".join(clashes)))


def _flat(data: Mapping, prefix: str = "") -> Iterable[tuple[str, object]]:
    """[queue] filter_kind = … and "queue.filter_kind" = … both give 'queue.filter_kind'."""
    for name, value in data.items():
        ident = f"{prefix}{name}"
        if isinstance(value, Mapping):
            yield from _flat(value, f"{ident}.")
        else:
            yield ident, value


def _keys(path: Path, ident: str, value: object) -> str:
    """One key or several: "ctrl+k", "f3,f9" or ["f3", "f9"], as the comma-separated string Textual takes."""
    keys = value if isinstance(value, list) else [value]
    if not keys or not all(isinstance(k, str) and k.strip() and " " not in k.strip() for k in keys):
        raise KeymapError(_('{file}: {id} must be a key such as "ctrl+k", or keys such as "f3,f9"').format(
            file=path, id=ident))
    return ",".join(k.strip() for k in keys)
