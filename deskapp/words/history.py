"""A history event in the reader's language: the one place an event is worded.

The history keeps what happened as data (`deskapp.desk.history`): the action, the fields changed
(before, after), the facts that are not fields (`details`, English identifiers and names) and the
operator's note as typed. A desk that speaks Chinese and one that speaks English read the same
event each in its own words. Events written before schema 0007 have no details: their note is the
sentence the desk composed then, and it is shown as it was written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime, tzinfo
from typing import Any, Protocol

from deskapp.domain.enums import AttemptResult, Confirmation, NoteKind, Role, Satisfaction
from deskapp.i18n import NP_, _, pgettext
from deskapp.words.coordination import SENTENCES, followup_words, price_text
from deskapp.words.display import weekday_time, when
from deskapp.words.incidents import SENTENCES as INCIDENT_SENTENCES
from deskapp.words.labels import field_label, label, value_label
from deskapp.words.names import department_label
from deskapp.words.wording import listed


class Event(Protocol):
    """What a history line carries: `changes` and `details` already read from their JSON."""

    action: str
    changes: Mapping[str, list]
    details: Mapping[str, Any] | None  # None: worded when it was written (before 0007)
    note: str


# A note's kind as its history line opens: "corrective: ..." / "纠正措施：...".
_NOTE_KINDS = {
    NoteKind.progress: NP_("note kind", "progress"),
    NoteKind.explanation: NP_("note kind", "explanation"),
    NoteKind.corrective: NP_("note kind", "corrective"),
    NoteKind.contact: NP_("note kind", "contact"),
    NoteKind.call: NP_("note kind", "call"),
}

# What the customer said on a callback that reached them: "customer partly" / "客户基本满意".
_SAID = {
    Satisfaction.satisfied: NP_("callback", "customer satisfied"),
    Satisfaction.partly: NP_("callback", "customer partly"),
    Satisfaction.unsatisfied: NP_("callback", "customer unsatisfied"),
}

# Fields the history names that are not columns of the case: a forwarding keeps the department's
# kept name and the person's name, not their row numbers.
_NAMED_FIELDS = {"department": "department_id", "assignee": "assignee_id"}


def event_words(event: Event, tz: tzinfo) -> str:
    """The event's sentence, then the fields it changed: 'forwarded to Engineering / Xu Ming' and
    'status: received → forwarded; …' on the next line."""
    said = event.note if event.details is None else sentence(event, tz)
    changed = changes_words(event.changes, event.action, tz)
    return "\n".join(x for x in (said, changed) if x)


def sentence(event: Event, tz: tzinfo) -> str:
    """What the operator did, in words: the facts in `details` with the note as typed."""
    word = _SENTENCES.get(event.action)
    return word(event.details or {}, event.note, tz) if word else event.note


def _forward(details: Mapping, note: str, _tz) -> str:
    target = department_label(details.get("department")) or "–"
    if details.get("person"):
        target = f"{target} / {details['person']}"
    said = [_("work order from intake")] if details.get("via") == "intake" else []
    said += [note] if note else []
    if not said:
        return _("forwarded to {target}").format(target=target)
    return _("forwarded to {target}: {note}").format(target=target, note=_("; ").join(said))


def _notify(details: Mapping, note: str, _tz) -> str:
    who = {"name": details.get("manager", ""), "role": _role(details.get("role")), "phone": details.get("phone", "")}
    if note:
        return _("called {name} ({role}, {phone}): {note}").format(note=note, **who)
    return _("called {name} ({role}, {phone})").format(**who)


def _retract_call(details: Mapping, note: str, tz) -> str:
    called = details.get("called_at")
    shown = when(datetime.fromisoformat(called), tz) if called else ""
    return _("the call to {name} ticked at {time} was retracted: {reason}").format(
        name=details.get("manager", ""), time=shown, reason=note)


def _note(details: Mapping, note: str, tz) -> str:
    kind = _NOTE_KINDS.get(details.get("kind"))
    said = _("{kind}: {text}").format(kind=pgettext(*kind), text=note) if kind else note
    if details.get("followup"):  # a corrective action with its follow-up date (words/coordination.py)
        said = _("{note} ({followup})").format(note=said, followup=followup_words(details, tz))
    return said


def _callback(details: Mapping, note: str, tz) -> str:
    satisfaction = _SAID.get(details.get("satisfaction"))
    if satisfaction:
        said = pgettext(*satisfaction)
    else:
        result = _enum(AttemptResult, details.get("result"))
        said = label(result) if result else ""
        if details.get("next_try"):
            next_try = weekday_time(datetime.fromisoformat(details["next_try"]), tz)
            said = _("{result}; next try {time}").format(result=said, time=next_try)
    said = _with_callers(said, details)
    return _("{said}: {note}").format(said=said, note=note) if note and said else said or note


def _with_callers(said: str, details: Mapping) -> str:
    """'customer satisfied; present: Sun Qiang, Lin Tao; signed on site'."""
    parts = [said] if said else []
    if details.get("present"):
        parts.append(_("present: {names}").format(names=listed(details["present"])))
    how = _enum(Confirmation, details.get("confirmation"))
    if how:
        parts.append(label(how))
    return _("; ").join(parts)


def _confirm(details: Mapping, note: str, _tz) -> str:
    signed = _("result confirmed by {name}").format(name=details.get("manager", ""))
    return _("{said}: {note}").format(said=signed, note=note) if note else signed


def _reopen(details: Mapping, note: str, _tz) -> str:
    if details.get("after") == "callback":
        return _("reopened after the callback: {action}").format(action=note)
    return note


_SENTENCES: dict[str, Callable[[Mapping, str, tzinfo], str]] = {
    "forward": _forward,
    "notify": _notify,
    "retract_call": _retract_call,
    "note": _note,
    "callback": _callback,
    "confirm": _confirm,
    "reopen": _reopen,
    **SENTENCES,  # the coordination work order's actions, follow-ups and chases
    **INCIDENT_SENTENCES,  # linked to a batch incident, taken out, resolved with it
}


def changes_words(changed: Mapping[str, list], action: str, tz: tzinfo) -> str:
    """'status: received → forwarded; department: – → Engineering'. The intake's fields are the case itself."""
    if action == "intake":
        return _("case opened")
    separator = _("; ")
    return separator.join(
        _("{field}: {before} → {after}").format(field=_field(name), before=_shown(name, before, tz),
                                                 after=_shown(name, after, tz))
        for name, (before, after) in changed.items()
    )


def _field(name: str) -> str:
    return field_label(_NAMED_FIELDS.get(name, name))


def _shown(field: str, value, tz: tzinfo) -> str:
    if isinstance(value, str) and len(value) > 18 and value[10] == "T":
        try:
            return when(datetime.fromisoformat(value), tz)
        except ValueError:
            pass
    if value in (None, ""):
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field == "department":
        return department_label(value)
    if field == "price_cents" and isinstance(value, int):
        return price_text(value)
    if isinstance(value, str):
        shown_value = value_label(field, value)
        if shown_value != value:
            return shown_value
        return value.replace("_", " ") if value.isidentifier() and value.isascii() else value
    return str(value)


def _role(value: str | None) -> str:
    role = _enum(Role, value)
    return label(role) if role else (value or "")


def _enum(enum, value):
    try:
        return enum(value) if value is not None else None
    except ValueError:
        return None
