"""The holidays package's days, kept on disk between runs.

Loading the package loads every country it knows (about 0.1 s, half of what `deskapp add` does
beyond importing SQLModel and Typer), though the desk needs only its own country's few years. So
the days of each year the desk has asked for are written to a small JSON file in the user's cache
folder, keyed by the package's version: a new version (with new notices from the State Council)
starts the file afresh. A file that cannot be read or written is no fault: the package answers.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from datetime import date
from pathlib import Path

from deskapp.domain.calendar import HolidaySource, package_version


def cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "deskapp" / "holidays.json"


class CachedHolidays(HolidaySource):
    """The package's answers, read from `path` when an earlier run wrote them."""

    def __init__(self, path: Path | None = None):
        self._path = path or cache_file()
        self._lock = threading.Lock()
        self._stored: dict | None = None

    def known(self, country: str) -> bool:
        if country in self._read()["known"]:
            return True
        found = super().known(country)
        if found:
            self._keep("known", country, True)
        return found

    def days(self, country: str, year: int) -> tuple[frozenset[date], frozenset[date]]:
        kept = self._read()["days"].get(f"{country}:{year}")
        if kept is not None:
            return frozenset(map(date.fromisoformat, kept[0])), frozenset(map(date.fromisoformat, kept[1]))
        days_off, makeup = super().days(country, year)
        self._keep("days", f"{country}:{year}", [sorted(d.isoformat() for d in days_off),
                                                   sorted(d.isoformat() for d in makeup)])
        return days_off, makeup

    def _read(self) -> dict:
        if self._stored is None:
            version = package_version()
            stored = {}
            try:
                stored = json.loads(self._path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
            if not isinstance(stored, dict) or stored.get("version") != version or not version:
                stored = {"version": version, "known": {}, "days": {}}
            self._stored = stored
        return self._stored

    def _keep(self, part: str, key: str, value) -> None:
        """Add one answer and write the file whole (a temporary file renamed over it: two desks
        writing at once leave one whole file or the other, never half of each)."""
        with self._lock:
            stored = self._read()
            stored[part][key] = value
            if not stored["version"]:
                return
            temporary = self._path.with_name(f"{self._path.name}.{os.getpid()}.{threading.get_ident()}")
            try:
                self._path.parent.mkdir(parents=True, exist_ok=True)
                temporary.write_text(json.dumps(stored), encoding="utf-8")
                os.replace(temporary, self._path)
            except OSError:  # a read-only home, a full disk: the package answers next time too
                with contextlib.suppress(OSError):
                    temporary.unlink(missing_ok=True)
