"""Writing report, export and callback files: owner-only, like the database they come from."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


@contextmanager
def private_file(path: Path) -> Iterator[BinaryIO]:
    """The file opened for writing, created 0600 (and made 0600 if it was there already): names,
    phone numbers and complaints are not for every account on the machine."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "wb") as file:
        yield file


def write_private_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    with private_file(path) as file:
        file.write(text.encode(encoding))
