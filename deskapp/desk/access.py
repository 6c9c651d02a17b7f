"""Proving who is at the desk: PINs, kept only as salted scrypt hashes, and the lock after too many
wrong ones.

A desk is *accountable* once anybody has a PIN: from then on every name must be proved, and the
rules of who may do what (data/permissions.toml) hold. Before that (first set-up, demos, tests)
staff sign in by name alone, as the desk always did, and the home screen says so.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import datetime

from sqlmodel import Session, col, select

from deskapp.config.permissions import permissions
from deskapp.domain.enums import Role
from deskapp.domain.errors import DeskError, NotAllowed
from deskapp.domain.permissions import Person
from deskapp.i18n import _, ngettext
from deskapp.models import Staff, StaffEvent
from deskapp.reads.lookup import staff_named
from deskapp.store.context import Desk

# scrypt's cost: about 50 ms a check here, slow for guessing, quick for a desk signing in.
_N, _R, _P = 2**14, 8, 1


class FirstPinNeeded(NotAllowed):
    """On an accountable desk, this person has no PIN yet: they set one at their first sign-in."""


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


def accountable(session: Session) -> bool:
    """Has anybody on the desk a PIN? Then names must be proved and every step has its owners."""
    return session.exec(select(Staff.id).where(Staff.pin_hash != "").limit(1)).first() is not None


def desk_is_accountable(desk: Desk) -> bool:
    with desk.reading() as session:
        return accountable(session)


def needs_pin(desk: Desk, name: str) -> bool:
    with desk.reading() as session:
        return bool(staff_named(session, name).pin_hash)


def sign_in(desk: Desk, name: str, pin: str | None) -> Staff:
    """The staff member, once their PIN (if they have one) is proved.

    On an accountable desk someone without a PIN is refused with FirstPinNeeded (the sign-in screen
    then asks them to choose one). A wrong PIN counts towards the lock, and is kept even though
    the sign-in is refused."""
    with desk.reading() as session:
        person = staff_named(session, name)
        if not person.pin_hash and accountable(session):
            raise FirstPinNeeded(_("{name} has no PIN yet: set one at the first sign-in in the app, or a supervisor "
                                   "issues one with `deskapp pin \"{name}\" --by SUPERVISOR`").format(name=person.name))
    if not person.pin_hash:
        return person
    now = desk.now()
    _refuse_if_locked(person, now, desk.calendar.tz)
    if not pin:
        raise NotAllowed(_("{name} signs in with a PIN").format(name=person.name))
    if pin_matches(person.pin_hash, pin):
        if person.pin_failures:
            _count_failure(desk, person.id, now, reset=True)
        return person
    locked = _count_failure(desk, person.id, now)
    if locked:
        _refuse_if_locked(locked, now, desk.calendar.tz)
    raise NotAllowed(_("wrong PIN for {name}").format(name=person.name))


def _refuse_if_locked(person: Staff, now: datetime, tz) -> None:
    if person.locked_until is not None and person.locked_until > now:
        limit = permissions().pins.wrong_before_lock
        raise NotAllowed(ngettext(
            "{name} is locked after {n} wrong PIN until {time}; a supervisor can issue a new PIN",
            "{name} is locked after {n} wrong PINs until {time}; a supervisor can issue a new PIN", limit).format(
            name=person.name, n=limit, time=f"{person.locked_until.astimezone(tz):%H:%M}"))


def _count_failure(desk: Desk, staff_id: int, now: datetime, reset: bool = False) -> Staff | None:
    """One more wrong PIN (or, `reset`, a right one after wrong ones); returns the person when this locks them."""
    policy = permissions().pins
    with desk.transaction() as session:
        person = session.get(Staff, staff_id, with_for_update=True)
        if reset:
            person.pin_failures = 0
            session.add(person)
            return None
        person.pin_failures += 1
        until = policy.locked_until(person.pin_failures, now)
        if until is not None:
            person.locked_until, person.pin_failures = until, 0
            record_staff_event(session, person, None, "locked", now,
                               {"wrong_pins": policy.wrong_before_lock, "until": until.isoformat()})
        session.add(person)
        return person if until is not None else None


def set_pin(desk: Desk, name: str, new_pin: str, by: str | None = None, by_pin: str | None = None,
            first_sign_in: bool = False) -> None:
    """Set someone's PIN.

    - Changing one's own: with the current PIN.
    - Anyone else's, or a first PIN: a supervisor, proved with their own PIN.
    - The very first supervisor PIN of a desk: that supervisor, with none (nobody could prove otherwise).
    - `first_sign_in`: a person without a PIN on an accountable desk chooses one as they sign in."""
    pins = permissions().pins
    if not pins.well_formed(new_pin):
        raise DeskError(ngettext("a PIN is {n} digit", "a PIN is {n} digits", pins.digits).format(n=pins.digits), "pin")
    setter_name = by or name
    with desk.reading() as session:
        person, setter = staff_named(session, name), staff_named(session, setter_name)
        first_supervisor = _no_supervisor_pin(session) and setter.role is Role.supervisor
    if setter.id == person.id and not person.pin_hash and (first_sign_in or first_supervisor):
        proved = person
    elif setter.id == person.id and not person.pin_hash:
        raise NotAllowed(_("{name} has no PIN yet: a supervisor issues the first one "
                           "(`deskapp pin \"{name}\" --by SUPERVISOR`), or {name} sets it at the first sign-in "
                           "in the app").format(name=person.name))
    else:
        issuer = Person(setter.role, setter.department_id)
        if setter.id != person.id and not permissions().steps.allows("pin", issuer, None):
            raise NotAllowed(_("only {name} or a supervisor can set {name}'s PIN").format(name=person.name))
        if not setter.pin_hash:
            raise NotAllowed(_("{setter} has no PIN yet; {setter} sets their own first").format(setter=setter.name))
        proved = sign_in(desk, setter.name, by_pin)
    with desk.transaction() as session:
        target = session.get(Staff, person.id, with_for_update=True)
        action = "pin_changed" if target.pin_hash else "pin_set"
        target.pin_hash, target.pin_failures, target.locked_until = hash_pin(new_pin), 0, None
        session.add(target)
        record_staff_event(session, target, proved.id, action, desk.now(), {})


def _no_supervisor_pin(session: Session) -> bool:
    return session.exec(select(Staff.id).where(Staff.role == Role.supervisor, Staff.pin_hash != "")
                        .limit(1)).first() is None


def record_staff_event(session: Session, person: Staff, actor_id: int | None, action: str, at: datetime,
                       details: dict) -> None:
    session.add(StaffEvent(staff_id=person.id, at=at, actor_id=actor_id, action=action,
                           details=json.dumps(details, ensure_ascii=False)))


def staff_history(desk: Desk, name: str) -> list[tuple[datetime, str, str | None, dict]]:
    """(when, action, who did it, details) for one person, oldest first."""
    with desk.reading() as session:
        person = staff_named_any(session, name)
        events = session.exec(select(StaffEvent).where(StaffEvent.staff_id == person.id)
                              .order_by(col(StaffEvent.at), col(StaffEvent.id))).all()
        names = {s.id: s.name for s in session.exec(select(Staff)).all()}
    return [(e.at, e.action, names.get(e.actor_id) if e.actor_id else None, json.loads(e.details)) for e in events]


def staff_named_any(session: Session, name: str) -> Staff:
    """Anyone ever on the staff list, those who left included (their history stays)."""
    from sqlalchemy import func

    found = session.exec(select(Staff).where(func.lower(Staff.name) == name.strip().lower())).first()
    return found if found is not None else staff_named(session, name)
