"""The history key: the secret that seals each history event (HMAC-SHA256), kept out of the database.

A person who can write the database but cannot read the key can change an event, but cannot make
its seal match again, nor seal a chain recomputed from the start. The key is found, in order:

- DESKAPP_HISTORY_KEY, the key itself (any text of 16 characters or more): the way on PostgreSQL,
  where there is no file beside the database; every desk sharing the database must be given it;
- a key file beside a SQLite database (`desk.db` → `desk.db.history-key`), made owner-only (0600)
  by `deskapp init` and `deskapp demo`.

A desk without a key (a database made before keys, or PostgreSQL without the variable) works as
before: its events are sealed with a plain SHA-256 chain, which shows an accidental change but not
a deliberate one, and `deskapp check` says so. A key made for a database that already has history
remembers the newest event then (`from`): the events up to it stay unkeyed, every later one must
be keyed. DESKAPP_HISTORY_KEY_FROM says the same for the variable.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from deskapp.config.paths import sqlite_path
from deskapp.domain.errors import DeskError
from deskapp.i18n import _

ENV = "DESKAPP_HISTORY_KEY"
ENV_FROM = "DESKAPP_HISTORY_KEY_FROM"
_HEADER = "deskapp history key"
_SHORTEST = 16


@dataclass(frozen=True)
class HistoryKey:
    secret: bytes
    keyed_after: int  # events with an id up to this one were written before the key (unkeyed)
    where: str  # the file, or the variable's name: for messages


class KeyProblem(DeskError):
    """A key file or variable the desk cannot use; said in words."""


def key_file(url: str) -> Path | None:
    """The key file beside a SQLite database; None for PostgreSQL and in-memory databases."""
    path = sqlite_path(url)
    return path.with_name(path.name + ".history-key") if path is not None else None


_cache: dict[tuple, HistoryKey | None] = {}


def history_key(url: str) -> HistoryKey | None:
    """The key for the database at `url`, or None when it has none. Read once per file version."""
    secret = os.environ.get(ENV, "")
    if secret:
        if len(secret) < _SHORTEST:
            raise KeyProblem(_("{name} is too short: give at least {n} characters (for example 64 hex digits)").format(
                name=ENV, n=_SHORTEST))
        return HistoryKey(secret.encode(), int(os.environ.get(ENV_FROM, "0") or 0), ENV)
    path = key_file(url)
    if path is None:
        return None
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    cached = (str(path), stat.st_mtime_ns, stat.st_size)
    if cached not in _cache:
        _cache[cached] = _read(path)
    return _cache[cached]


def _read(path: Path) -> HistoryKey:
    lines = path.read_text(encoding="utf-8").split()
    try:
        header = " ".join(lines[:3])
        after = int(lines[3].removeprefix("from="))
        secret = bytes.fromhex(lines[4])
    except (IndexError, ValueError):
        raise KeyProblem(_("{path} is not a deskapp history key file").format(path=path)) from None
    if header != _HEADER or len(secret) < _SHORTEST:
        raise KeyProblem(_("{path} is not a deskapp history key file").format(path=path))
    return HistoryKey(secret, after, str(path))


def make_key_file(url: str, newest_event: int) -> Path | None:
    """Create the key file beside a SQLite database, owner-only, if there is none yet.

    Returns the new file, or None when one was there already (or the database is not a file).
    Events up to `newest_event` were written before the key and stay unkeyed."""
    path = key_file(url)
    if path is None or path.exists():
        return None
    text = f"{_HEADER}\nfrom={newest_event}\n{secrets.token_hex(32)}\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # 0600 before a byte is written
    except FileExistsError:  # another desk's `init` made it a moment ago: theirs is the key
        return None
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
    return path
