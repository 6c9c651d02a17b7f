"""Proving the operator of every writing command.

Once a desk has any PIN, `--by NAME` (or DESKAPP_OPERATOR) is only a claim: the command asks for
that person's PIN, from DESKAPP_PIN or typed unseen at a terminal (getpass), and refuses otherwise.
A desk where nobody has a PIN yet works by name, as it always did.
"""

from __future__ import annotations

import getpass
import os
import sys

from deskapp.desk.access import desk_is_accountable, needs_pin, sign_in
from deskapp.i18n import _
from deskapp.reads.lookup import default_operator
from deskapp.store.context import Desk


def proved_operator(desk: Desk, name: str | None) -> str:
    """The operator's name once proved; refuses (exit 2) a wrong, missing or locked PIN."""
    if name is None:
        with desk.reading() as session:
            name = default_operator(session).name
    if not desk_is_accountable(desk):
        return sign_in(desk, name, None).name
    pin = os.environ.get("DESKAPP_PIN")
    if not pin and sys.stdin.isatty() and needs_pin(desk, name):
        pin = getpass.getpass(_("PIN for {name}: ").format(name=name))
    return sign_in(desk, name, pin or None).name
