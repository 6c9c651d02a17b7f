"""Signing in with a PIN. A PIN is kept only as a salted scrypt hash; staff without one sign in by
name alone, as before PINs were set."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from deskapp.domain.enums import Role
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.i18n import _
from deskapp.models import Staff
from deskapp.reads.lookup import staff_named
from deskapp.store.context import Desk

# scrypt's cost: about 50 ms a check here, slow for guessing, quick for a desk signing in.
_N, _R, _P = 2**14, 8, 1
_PIN = re.compile(r"\d{4,8}")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(stored: str, pin: str) -> bool:
    try:
        _scheme, n, r, p, salt, digest = stored.split("$")
        found = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(found.hex(), digest)


def needs_pin(desk: Desk, name: str) -> bool:
    with desk.reading() as session:
        return bool(staff_named(session, name).pin_hash)


def sign_in(desk: Desk, name: str, pin: str | None) -> Staff:
    """The staff member, once their PIN (if they have one) is proved."""
    with desk.reading() as session:
        person = staff_named(session, name)
    if person.pin_hash and not (pin and pin_matches(person.pin_hash, pin)):
        if pin:
            raise NotAllowed(_("wrong PIN for {name}").format(name=person.name))
        raise NotAllowed(_("{name} signs in with a PIN").format(name=person.name))
    return person


def set_pin(desk: Desk, name: str, new_pin: str, by: str | None = None, by_pin: str | None = None) -> None:
    """Set someone's PIN: themselves (with their current PIN, if any) or a supervisor (with theirs)."""
    if not _PIN.fullmatch(new_pin):
        raise DeskError(_("a PIN is 4 to 8 digits"), "pin")
    setter = sign_in(desk, by or name, by_pin)
    with desk.transaction() as session:
        person = staff_named(session, name)
        if setter.id != person.id and setter.role is not Role.supervisor:
            raise NotAllowed(_("only {name} or a supervisor can set {name}'s PIN").format(name=person.name))
        person.pin_hash = hash_pin(new_pin)
        session.add(person)
