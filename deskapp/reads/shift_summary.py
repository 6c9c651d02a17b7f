"""Shift handover: the summary of a shift, and the past handovers to reopen read-only.

A shift is the day (opening to closing of a working day) or the night (closing to the next opening,
so Friday night runs to Monday morning). A handover keeps its summary as it stood when it was
written, so a past one reopens showing what the incoming operator was told, not today's figures.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import col, select

from deskapp.domain.enums import ClockState, Kind, Severity, Status
from deskapp.domain.errors import DeskError
from deskapp.domain.shifts import span_at
from deskapp.i18n import N_, NP_, _, ngettext, pgettext
from deskapp.models import Case, Handover, Notification, Staff
from deskapp.reads.action_figures import ActionLine, action_lines, open_actions
from deskapp.reads.anchor import Anchor, anchor_words, latest_anchor
from deskapp.reads.callback_list import CallbackItem, Due, pending_callbacks
from deskapp.reads.manager_calls import retracted_calls
from deskapp.reads.views import CaseView, build_views
from deskapp.store.context import Desk
from deskapp.words import deadline
from deskapp.words.display import weekday_time
from deskapp.words.labels import label, value_label
from deskapp.words.widths import clip
from deskapp.words.wording import kind_words, listed

# Statuses of a case someone is still working on (resolved ones wait only for their callback).
_WORKING = (Status.received, Status.forwarded, Status.in_progress, Status.waiting)
_NOT_SET = N_("not set")


# -- the summary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MajorComplaint:
    view: CaseView
    escalated_at: datetime | None
    notified: tuple[tuple[str, datetime], ...]  # (manager, when called)


@dataclass
class ShiftSummary:
    start: datetime
    end: datetime
    now: datetime
    came_in: int = 0  # received in the shift, voided ones left out
    by_kind: Counter = field(default_factory=Counter)
    by_severity: Counter = field(default_factory=Counter)  # complaints only
    by_channel: Counter = field(default_factory=Counter)
    still_open: list[CaseView] = field(default_factory=list)  # being worked on, at `now`
    overdue: list[CaseView] = field(default_factory=list)  # a clock overdue at `now`
    major: list[MajorComplaint] = field(default_factory=list)
    callbacks: list[CallbackItem] = field(default_factory=list)  # due by the end of the next shift
    next_shift_end: datetime | None = None
    waiting: list[CaseView] = field(default_factory=list)  # waiting on the customer
    anchor: Anchor | None = None  # the newest history anchor in backups/, printed for the record
    actions: list[ActionLine] = field(default_factory=list)  # coordination actions and follow-ups not yet done


def shift_summary(desk: Desk, start: datetime, end: datetime) -> ShiftSummary:
    """What the outgoing operator passes on for the shift [start, end), as the desk stands now."""
    check_span(start, end)
    now = desk.now()
    summary = ShiftSummary(start, end, now)
    with desk.reading() as session:
        came = list(session.exec(select(Case).where(Case.received_at >= start, Case.received_at < end)))
        working = list(session.exec(
            select(Case).where(col(Case.status).in_(_WORKING), Case.received_at < end).order_by(col(Case.id))))
        majors = {c.id: c for c in came if _is_major(c)} | {c.id: c for c in working if _is_major(c)}
        settled = [c for c in majors.values() if c.status not in _WORKING]
        views = {v.case.id: v for v in build_views(session, working + settled, desk.policy, desk.calendar, now)}
        calls = _notifications(session, list(majors))
        summary.actions = open_actions(session, desk, now)
    for c in came:
        if c.status is Status.void:
            continue
        summary.came_in += 1
        summary.by_kind[c.kind.value] += 1
        summary.by_channel[c.channel.value] += 1
        if c.kind is Kind.complaint:
            summary.by_severity[c.severity.value if c.severity else _NOT_SET] += 1
    for c in working:
        view = views[c.id]
        summary.still_open.append(view)
        if any(clock.state is ClockState.overdue for clock in view.clocks):
            summary.overdue.append(view)
        if c.status is Status.waiting:
            summary.waiting.append(view)
    for case_id in sorted(majors):
        case = majors[case_id]
        summary.major.append(MajorComplaint(views[case_id], case.escalated_at, tuple(calls.get(case_id, ()))))
    summary.next_shift_end = span_at(desk.calendar, end).end  # the shift that begins as this one ends
    summary.callbacks = [i for i in pending_callbacks(desk) if _due(i) < summary.next_shift_end]
    summary.anchor = latest_anchor(desk)
    return summary


def _is_major(case: Case) -> bool:
    return case.kind is Kind.complaint and case.severity is Severity.major and case.status is not Status.void


def _due(item: CallbackItem) -> datetime:
    return item.clock.due if item.clock else item.callback.due_at


def _notifications(session, case_ids: list[int]) -> dict[int, list[tuple[str, datetime]]]:
    found: dict[int, list[tuple[str, datetime]]] = defaultdict(list)
    if not case_ids:
        return found
    taken_back = retracted_calls(session, case_ids)  # ticked by mistake: not a call
    rows = session.exec(
        select(Notification.id, Notification.case_id, Staff.name, Notification.at)
        .join(Staff, col(Staff.id) == Notification.staff_id)
        .where(col(Notification.case_id).in_(case_ids))
        .order_by(col(Notification.at))
    )
    for number, case_id, name, at in rows:
        if number not in taken_back:
            found[case_id].append((name, at))
    return found


# The callback list's groups, as a summary line names them.
_DUE = {
    Due.overdue: NP_("callback due", "overdue"),
    Due.today: NP_("callback due", "due today"),
    Due.tomorrow: NP_("callback due", "due tomorrow"),
    Due.later: NP_("callback due", "later"),
}


def summary_sections(summary: ShiftSummary, tz) -> list[tuple[str, list[str]]]:
    """The summary as titled lines of plain text: what the screen shows and the handover keeps.

    Written in the desk's language: a handover keeps the words it was handed over with.
    """

    def when(t: datetime) -> str:
        return weekday_time(t, tz)

    def case_line(view: CaseView) -> str:
        c = view.case
        line = _("#{number} {kind}: {what}").format(number=c.id, kind=kind_words(c.kind, c.severity),
                                                     what=clip(c.what, 50))
        clock = view.next_clock
        if clock is None:
            return line
        # "forward OVERDUE Fri 09:20" / "转派 · 已超时（周五 09:20）": the state in the deadline table's word,
        # then how late or how long left as every screen and report says it ("40 working min late").
        due = _("{clock} {state} {time}").format(clock=label(clock.name), state=deadline.word(clock.state),
                                                 time=when(clock.due))
        if clock.left is not None:
            due = _("{due}, {left}").format(due=due, left=deadline.lateness(clock))
        return _("{line} · {due}").format(line=line, due=due)

    def counted(title: str, counter: Counter) -> str:
        # Severities from the gravest down (major, general, minor, then "not set"); the rest by name.
        order = {value.value: i for i, value in enumerate(Severity)} if title == "severity" else {}
        items = sorted(counter.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
        parts = listed(_("{name} {count}").format(name=_counted_label(title, k), count=n) for k, n in items)
        if title == "kind":
            return _("by kind: {counts}").format(counts=parts)
        if title == "severity":
            return _("by severity: {counts}").format(counts=parts)
        return _("by channel: {counts}").format(counts=parts)

    counts = [ngettext("{n} case", "{n} cases", summary.came_in).format(n=summary.came_in)]
    for title, counter in (("kind", summary.by_kind), ("severity", summary.by_severity),
                           ("channel", summary.by_channel)):
        if counter:
            counts.append(counted(title, counter))
    majors = []
    for m in summary.major:
        escalated = _("escalated {time}").format(time=when(m.escalated_at)) if m.escalated_at else _("NOT escalated")
        called = listed(_("{name} {time}").format(name=name, time=when(t)) for name, t in m.notified) \
            or _("no manager notified")
        majors.append(_("#{number} {what} · {escalated} · {called}").format(
            number=m.view.case.id, what=clip(m.view.case.what, 40), escalated=escalated, called=called))
    callbacks = [_("#{number} due {time} ({group}) · {callers}").format(
        number=i.case.id, time=when(_due(i)), group=pgettext(*_DUE[i.group]),
        callers=listed(c.name or label(c.role) for c in i.callers)) for i in summary.callbacks]
    waiting = [_("{line} · since {time}").format(line=case_line(v), time=when(v.case.paused_since))
               if v.case.paused_since else case_line(v) for v in summary.waiting]
    return [
        (_("Came in"), counts),
        (_("Still open ({n})").format(n=len(summary.still_open)), [case_line(v) for v in summary.still_open]),
        (_("Overdue now ({n})").format(n=len(summary.overdue)), [case_line(v) for v in summary.overdue]),
        (_("Major complaints ({n})").format(n=len(majors)), majors),
        (_("Callbacks due next shift ({n})").format(n=len(callbacks)), callbacks),
        (_("Waiting on the customer ({n})").format(n=len(summary.waiting)), waiting),
        # Only when there are some: most shifts have none, and the handover is read to its end.
        *([(_("Coordination actions to do ({n})").format(n=len(summary.actions)), action_lines(summary.actions, tz))]
          if summary.actions else []),
        (_("History anchor"), [anchor_words(summary.anchor, tz)]),
    ]


def _counted_label(field: str, value: str) -> str:
    """A counted category by its label; "not set" for a complaint with no severity."""
    return _(_NOT_SET) if value == _NOT_SET else value_label(field, value)


# -- handing over ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HandoverRecord:
    id: int
    shift: str
    start: datetime
    end: datetime
    outgoing: str
    notes: str
    written_at: datetime
    incoming: str | None
    acknowledged_at: datetime | None
    sections: list[tuple[str, list[str]]]






def handovers(desk: Desk, limit: int = 50) -> list[HandoverRecord]:
    """The latest handovers, newest shift first, to reopen read-only."""
    with desk.reading() as session:
        rows = list(session.exec(select(Handover).order_by(col(Handover.shift_start).desc(),
                                                           col(Handover.id).desc()).limit(limit)))
        names = staff_names(session)
    return [handover_record(h, names) for h in rows]


def staff_names(session) -> dict[int, str]:
    return dict(session.exec(select(Staff.id, Staff.name)).all())


def handover_record(h: Handover, names: dict[int, str]) -> HandoverRecord:
    return HandoverRecord(
        id=h.id, shift=h.shift, start=h.shift_start, end=h.shift_end, outgoing=names.get(h.outgoing_id, "?"),
        notes=h.notes, written_at=h.written_at,
        incoming=names.get(h.incoming_id) if h.incoming_id else None, acknowledged_at=h.acknowledged_at,
        sections=[(title, list(lines)) for title, lines in json.loads(h.summary)],
    )


def check_span(start: datetime, end: datetime) -> None:
    if end <= start:
        raise DeskError(_("the shift must end after it starts"), "shift")

