"""The one place the desk asks what time it is, so tests and demos can set it."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from deskapp.i18n import _


class DeskClock:
    """Real time by default; `set` pins it (tests, demos), and DESKAPP_NOW pins it for a process."""

    def __init__(self, fixed: datetime | None = None):
        self._fixed = fixed
        pinned = os.environ.get("DESKAPP_NOW")
        if fixed is None and pinned:
            parsed = datetime.fromisoformat(pinned)
            if parsed.tzinfo is None:
                raise ValueError(_("DESKAPP_NOW needs a UTC offset, for example 2026-11-23T09:00+08:00"))
            self._fixed = parsed

    def now(self) -> datetime:
        return self._fixed if self._fixed is not None else datetime.now(UTC)

    def set(self, when: datetime) -> None:
        self._fixed = when
