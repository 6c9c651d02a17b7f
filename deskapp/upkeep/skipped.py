"""The case numbers a restore skipped, kept beside the SQLite database so `deskapp check` can tell them
from a case deleted with its history.

A restore carries numbering past every number already given out (upkeep/restore.py), so the cases
recorded after the backup leave a gap: their rows are in the copy kept aside, not lost. Each restore
that skips numbers appends one line to `desk.db.restores` (owner-only, beside the history key):
the numbers, the restore's stamp and the file kept aside. When the desk has a history key the line
is sealed with it, so a person who deletes a case cannot explain its gap by writing a line of their
own; a line whose seal does not match explains nothing. A gap no line explains is still a problem.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path

from deskapp.config.paths import sqlite_path
from deskapp.store.history_key import HistoryKey, history_key


@dataclass(frozen=True)
class Skipped:
    first: int
    last: int
    stamp: str  # the restore's stamp, as in the name of the file kept aside
    aside: str  # the name of that file: where the skipped cases' rows are


def restores_file(database: Path) -> Path:
    return database.with_name(database.name + ".restores")


def record_skipped(database: Path, skipped: Skipped) -> None:
    """Append the restore's line (sealed when the desk has a key). Written before the backup is put
    in place: a restore that fails after it leaves a line for numbers still there, which explains
    nothing that is missing; the other order could leave a gap nobody explains."""
    if skipped.last < skipped.first:
        return
    line = json.dumps(_fields(skipped), sort_keys=True)
    key = history_key(f"sqlite:///{database}")
    sealed = json.dumps({"line": line, "seal": _seal(key, line)} if key else {"line": line})
    fd = os.open(restores_file(database), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as file:
        file.write(sealed + "\n")


def skipped_numbers(url: str) -> dict[int, Skipped]:
    """Every number a restore of this database skipped, with the earliest restore that skipped it
    (the one whose copy kept aside holds the case); empty for PostgreSQL and an in-memory database."""
    database = sqlite_path(url)
    path = restores_file(database) if database is not None else None
    if path is None or not path.exists():
        return {}
    key = history_key(url)
    found: dict[int, Skipped] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        skipped = _parse(raw, key)
        if skipped is not None:
            for number in range(skipped.first, skipped.last + 1):
                found.setdefault(number, skipped)
    return found


def _fields(skipped: Skipped) -> dict:
    return {"first": skipped.first, "last": skipped.last, "stamp": skipped.stamp, "aside": skipped.aside}


def _seal(key: HistoryKey, line: str) -> str:
    return hmac.new(key.secret, b"restore-skipped\n" + line.encode(), hashlib.sha256).hexdigest()


def _parse(raw: str, key: HistoryKey | None) -> Skipped | None:
    """One line, or None for a line that is not whole or whose seal does not match the key."""
    try:
        outer = json.loads(raw)
        line = outer["line"]
        if key is not None and not hmac.compare_digest(str(outer.get("seal", "")), _seal(key, line)):
            return None
        fields = json.loads(line)
        return Skipped(int(fields["first"]), int(fields["last"]), str(fields["stamp"]), str(fields["aside"]))
    except (ValueError, KeyError, TypeError):
        return None
