"""Where the desk's data files and database live, and how --db / DESKAPP_DB are read."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent
_CHECKOUT_DATA = _PACKAGE.parent / "data"
_WHEEL_DATA = _PACKAGE / "_data"


def data_dir() -> Path:
    """The folder with policy.toml, calendar.toml and staff.toml.

    DESKAPP_DATA wins; then the checkout's own data/ (an editable install); then the copy a wheel
    carries inside the package.
    """
    chosen = os.environ.get("DESKAPP_DATA")
    if chosen:
        return Path(chosen)
    if (_CHECKOUT_DATA / "policy.toml").exists():
        return _CHECKOUT_DATA
    return _WHEEL_DATA


def default_db_path() -> Path:
    """data/deskapp.db in a checkout; otherwise the user's data folder (XDG)."""
    if (_CHECKOUT_DATA / "policy.toml").exists() and os.access(_CHECKOUT_DATA, os.W_OK):
        return _CHECKOUT_DATA / "deskapp.db"
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "deskapp" / "deskapp.db"


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from --db, then DESKAPP_DB, then the default file; a plain path means SQLite."""
    chosen = db or os.environ.get("DESKAPP_DB") or str(default_db_path())
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for any other database (or an in-memory one)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or url == prefix or url.endswith(":memory:"):
        return None
    return Path(url[len(prefix):])


def backup_dir(url: str) -> Path:
    """backups/ beside a SQLite file; beside the default database for any other."""
    path = sqlite_path(url)
    return (path.parent if path is not None else default_db_path().parent) / "backups"
