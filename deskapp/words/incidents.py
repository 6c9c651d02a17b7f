"""Batch incidents in the desk's language: their history lines and the short form the case detail
and the queue show ("incident 3")."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import tzinfo

from deskapp.i18n import _


def incident_words(number: int | None) -> str:
    """'incident 3' / '事件 3'; '' for a case in no incident."""
    return _("incident {number}").format(number=number) if number is not None else ""


def incident_what(what: str, number: int | None) -> str:
    """A queue line's What, opened by its incident: 'incident 3 · water through the ceiling'."""
    return _("{incident} · {what}").format(incident=incident_words(number), what=what) if number is not None else what


def _linked(details: Mapping, note: str, _tz) -> str:
    if details.get("opened"):
        return _("incident {number} opened with this call").format(number=details.get("incident"))
    return _("linked to incident {number}").format(number=details.get("incident"))


def _unlinked(details: Mapping, note: str, _tz) -> str:
    said = _("taken out of incident {number}").format(number=details.get("incident"))
    return _("{said}: {note}").format(said=said, note=note) if note else said


def _resolved(details: Mapping, note: str, _tz) -> str:
    """A resolve is its outcome as typed; one of an incident says so."""
    if details.get("incident") is None:
        return note
    return _("resolved with incident {number}: {outcome}").format(number=details["incident"], outcome=note)


SENTENCES: dict[str, Callable[[Mapping, str, tzinfo], str]] = {
    "incident": _linked,
    "incident_unlink": _unlinked,
    "resolve": _resolved,
}
