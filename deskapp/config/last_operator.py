"""Who last signed in at this terminal: one name in one small file, so the sign-in starts on them.

The file lives in the user's state folder (XDG_STATE_HOME, else ~/.local/state), as deskapp/last_operator;
DESKAPP_STATE_DIR names another folder (tests). It is this terminal's memory, not the desk's: the
database does not know it, and a missing or unreadable file only means the list starts at the top.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

FILE_NAME = "last_operator"


def state_dir(environ: Mapping[str, str] = os.environ) -> Path:
    chosen = environ.get("DESKAPP_STATE_DIR")
    if chosen:
        return Path(chosen)
    base = environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "deskapp"


def last_operator(folder: Path | None = None) -> str | None:
    """The name last written, or None (never signed in here, or the file cannot be read)."""
    try:
        name = ((folder or state_dir()) / FILE_NAME).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return name or None


def remember_operator(name: str, folder: Path | None = None) -> None:
    """Write the name, readable by this user alone (who works at this desk is nobody else's business).

    A terminal that cannot write its state folder still signs people in: the file is a convenience.
    """
    folder = folder or state_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / FILE_NAME
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(name.strip().replace("\n", " ") + "\n")
        os.chmod(path, 0o600)  # an older file made with a looser mask is tightened too
    except OSError:
        return
