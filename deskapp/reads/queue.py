"""Reading the queue: open cases with the facts their clocks need, filters, counts and a change probe.

The queue screen loads the open cases once, then recomputes their clocks in memory every second
(no query) and asks the database only "has anything changed?" until something has. Nothing here
writes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from deskapp.config.departments import department_names
from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.clocks import CaseFacts, Clock, compute_clocks, next_clock
from deskapp.domain.enums import OPEN_STATUSES, ClockState, Counting, Kind, Severity
from deskapp.domain.policy import Policy
from deskapp.i18n import _
from deskapp.models import Case, Department, HistoryEvent, Staff
from deskapp.reads.clock_rows import stored_of
from deskapp.reads.departments import departments_in
from deskapp.reads.views import Names, facts_of, pauses_of
from deskapp.store.context import Desk
from deskapp.words import deadline
from deskapp.words.labels import label

# Beyond this many changed cases since the last look, one full reload is cheaper than picking.
_PICK_AT_MOST = 500
_NOT_DIGITS = re.compile(r"\D")
_QUIET = timedelta(hours=1)  # a line with no running clock is looked at again after this
_CASES = Case.__table__


@dataclass(frozen=True)
class QueueEntry:
    """An open case as the queue keeps it in memory: enough to recompute its clocks at any instant.

    `case` is a Case, or (from `load_open`) a read-only row with the same attribute names.
    """

    case: Case
    owner: str
    department: str | None
    assignee: str | None
    facts: CaseFacts
    haystack: str  # who/company/which/what/category, lower case, for the free-text search


@dataclass(frozen=True)
class QueueLine:
    """One open case at one instant: its clocks, the one that falls due next, and when to look again."""

    entry: QueueEntry
    clocks: tuple[Clock, ...]
    next: Clock | None
    awaiting_morning: bool  # recorded after hours; its working-time clock waits for the desk to open
    recheck_at: datetime  # before this instant nothing shown for this line can change

    @property
    def state(self) -> ClockState | None:
        return self.next.state if self.next else None


@dataclass(frozen=True)
class Marker:
    """What the database looked like at the last load: the newest history event and the newest case."""

    history: int
    case: int


@dataclass(frozen=True)
class Directory:
    """Names the action forms and filters offer: departments as shown (工程部, as a queue line names
    them; the services take either name back) and staff."""

    departments: tuple[str, ...]
    staff: tuple[str, ...]


@dataclass(frozen=True)
class QueueFilter:
    kind: Kind | None = None
    severity: Severity | None = None
    state: ClockState | None = None  # overdue, due soon, on time or paused
    department: str | None = None
    owner: str | None = None
    after_hours: bool = False
    text: str = ""

    def matches(self, line: QueueLine) -> bool:
        e, c = line.entry, line.entry.case
        return self._admits(c.kind, c.severity, line.state, e.department, e.owner, c.after_hours, e.haystack, c.phone)

    def admits(self, key, state: ClockState | None, names: Names, words: dict[int, tuple[str, str]] | None) -> bool:
        """A queue key (`queue_keys.QueueKey`) at its state, as `matches` takes a line; `words` holds
        each case's search haystack and phone, needed only while there is a search."""
        department = names.departments.get(key.department_id) if key.department_id else None
        haystack, phone = (words or {}).get(key.case_id, ("", ""))
        return self._admits(key.kind, key.severity, state, department, names.staff.get(key.received_by_id, "?"),
                            key.after_hours, haystack, phone)

    def admitted(self, keys: Iterable, state_of: Callable[[object], ClockState | None], names: Names,
                 words: dict[int, tuple[str, str]] | None) -> list[int]:
        """The case numbers of the queue keys (in their order) that `admits` would let through, each
        filter that is set applied to all the keys at once: a call of `admits` per key took 200 ms at
        50,000 open cases. `state_of(key)` is asked only for a state filter, `words` only for a search."""
        chosen = list(keys)
        if self.kind is not None:
            chosen = [k for k in chosen if k.kind is self.kind]
        if self.severity is not None:
            chosen = [k for k in chosen if k.severity is self.severity]
        if self.state is not None:
            chosen = [k for k in chosen if state_of(k) is self.state]
        if self.department is not None:
            departments = names.departments
            chosen = [k for k in chosen if k.department_id and departments.get(k.department_id) == self.department]
        if self.owner is not None:
            staff = names.staff
            chosen = [k for k in chosen if staff.get(k.received_by_id, "?") == self.owner]
        if self.after_hours:
            chosen = [k for k in chosen if k.after_hours]
        if not self.text.strip():
            return [k.case_id for k in chosen]
        found = self.matching(words or {})
        return [k.case_id for k in chosen if k.case_id in found]

    def matching(self, words: dict[int, tuple[str, str]]) -> set[int]:
        """The cases whose haystack holds every word of the search, or whose phone its digits
        (`_text_matches`, one word at a time over all the cases)."""
        found: set[int] | None = None
        for word in self.text.lower().split():
            digits = _NOT_DIGITS.sub("", word)
            pairs = words.items() if found is None else ((case_id, words[case_id]) for case_id in found)
            if digits:
                found = {case_id for case_id, (haystack, phone) in pairs
                         if word in haystack or digits in _NOT_DIGITS.sub("", phone)}
            else:
                found = {case_id for case_id, (haystack, _phone) in pairs if word in haystack}
        return set(words) if found is None else found

    def _admits(self, kind, severity, state, department, owner, after_hours, haystack, phone) -> bool:
        if self.kind is not None and kind is not self.kind:
            return False
        if self.severity is not None and severity is not self.severity:
            return False
        if self.state is not None and state is not self.state:
            return False
        if self.department is not None and department != self.department:
            return False
        if self.owner is not None and owner != self.owner:
            return False
        if self.after_hours and not after_hours:
            return False
        return not self.text.strip() or _text_matches(self.text, haystack, phone)

    def words(self) -> list[str]:
        """The filters in force, as the filter bar shows them."""
        shown = [
            _("kind {kind}").format(kind=label(self.kind)) if self.kind else "",
            _("severity {severity}").format(severity=label(self.severity)) if self.severity else "",
            _("state {state}").format(state=deadline.word(self.state)) if self.state else "",
            _("department {department}").format(department=self.department) if self.department else "",
            _("owner {name}").format(name=self.owner) if self.owner else "",
            _("after hours") if self.after_hours else "",
            _("“{text}”").format(text=self.text.strip()) if self.text.strip() else "",
        ]
        return [w for w in shown if w]


def _text_matches(text: str, haystack: str, phone: str) -> bool:
    """Every word must appear in who/which/what; digits also match the phone, however typed."""
    for word in text.lower().split():
        if word in haystack:
            continue
        digits = _NOT_DIGITS.sub("", word)
        if digits and digits in _NOT_DIGITS.sub("", phone):
            continue
        return False
    return True


@dataclass(frozen=True)
class Counts:
    open: int = 0
    overdue: int = 0
    due_soon: int = 0
    waiting: int = 0  # cases waiting on the customer
    awaiting_morning: int = 0

    def parts(self) -> list[tuple[str, str]]:
        """(what it counts, the words): overdue, due_soon, waiting, morning, open; for a screen to colour."""
        parts = [("overdue", _("{n} overdue").format(n=self.overdue)),
                 ("due_soon", _("{n} due soon").format(n=self.due_soon)),
                 ("open", _("{n} open").format(n=self.open))]
        if self.waiting:
            parts.insert(2, ("waiting", _("{n} waiting").format(n=self.waiting)))
        if self.awaiting_morning:
            parts.insert(-1, ("morning", _("{n} awaiting the morning").format(n=self.awaiting_morning)))
        return parts

    def sentence(self) -> str:
        return " · ".join(words for _key, words in self.parts())


def count(lines) -> Counts:
    states = defaultdict(int)
    morning = 0
    total = 0
    for line in lines:
        total += 1
        states[line.state] += 1
        morning += line.awaiting_morning
    return Counts(total, states[ClockState.overdue], states[ClockState.due_soon], states[ClockState.waiting], morning)


def line_at(entry: QueueEntry, policy: Policy, calendar: WorkCalendar, now: datetime) -> QueueLine:
    clocks = tuple(compute_clocks(entry.facts, policy, calendar, now))
    nearest = next_clock(list(clocks))
    morning = waits_for_morning(entry.case, nearest, calendar, now)
    return QueueLine(entry, clocks, nearest, morning, _recheck_at(nearest, policy, calendar, now, morning))


def waits_for_morning(case: Case, clock: Clock | None, calendar: WorkCalendar, now: datetime) -> bool:
    """Recorded after hours, its next clock counting working time that has not begun: the ☾ morning state."""
    return bool(
        case.after_hours
        and clock is not None
        and clock.counting is Counting.working
        and clock.state is ClockState.on_time
        and calendar.working_between(clock.start, now) <= timedelta(0)
    )


def _recheck_at(clock: Clock | None, policy: Policy, calendar: WorkCalendar, now: datetime, morning: bool) -> datetime:
    """The first instant at which the minute of time left, the state or the due shown may change.

    Computed in the clock's own time: working time never runs faster than the wall clock, so
    looking again after that much wall time is never late, at worst a little early.
    """
    if clock is None or clock.left is None:
        return now + _QUIET
    seconds = clock.left.total_seconds()
    waits = []
    if clock.state is ClockState.waiting:
        # Paused: the time left stands still but the due moves with every minute of waiting.
        waits.append(60 - now.second - now.microsecond / 1e6)
    elif seconds >= 0:
        waits.append(seconds % 60 or 60)
        waits.append(seconds or 60)
        # Overdue comes at the due instant even when no working time is left to run (after hours).
        waits.append((clock.due - now).total_seconds())
        span = (clock.allowance + clock.waited).total_seconds()
        for threshold in (span * policy.due_soon_share, policy.due_soon_minutes * 60):
            if seconds > threshold:
                waits.append(seconds - threshold)
    else:
        waits.append(60 - (-seconds) % 60)
    if morning or (clock.counting is Counting.working and not calendar.is_working_time(now)):
        opening = calendar.next_opening(now)
        waits.append(max((opening - now).total_seconds(), 0.001))
    return now + timedelta(seconds=max(min(waits), 0.001))


def order_key(line: QueueLine) -> tuple:
    """Nearest deadline first (so the overdue come on top); cases with no running clock last."""
    if line.next is None:
        return (1, line.entry.case.received_at, line.entry.case.id)
    return (0, line.next.due, line.entry.case.id)


# ---- the database -------------------------------------------------------------------------------


def load_open(desk: Desk, filter: QueueFilter | None = None) -> tuple[list[QueueEntry], Marker]:
    """Every open case (or those the filter's database-side parts allow), and the marker to probe from."""
    with desk.reading() as session:
        marker = marker_of(session)
        # Plain rows, not ORM objects: a third of the cost for 2,000 cases, and the queue only reads
        # them. A row answers the same attribute names as a Case (c.id, c.status, c.who ...).
        query = select(_CASES).where(_CASES.c.status.in_(OPEN_STATUSES))
        if filter is not None:
            query = _narrowed(session, query, filter)
        entries = _entries(session, list(session.connection().execute(query).all()))
    return entries, marker


def load_cases(desk: Desk, ids: list[int]) -> list[QueueEntry]:
    """These cases, open or not (the caller drops those no longer open)."""
    with desk.reading() as session:
        cases = []
        for start in range(0, len(ids), 900):
            cases += session.exec(select(Case).where(col(Case.id).in_(ids[start : start + 900]))).all()
        return _entries(session, cases)


def probe(desk: Desk) -> Marker:
    """Two index look-ups: cheap enough to ask every second."""
    with desk.reading() as session:
        return marker_of(session)


def changed_since(desk: Desk, marker: Marker) -> tuple[Marker, list[int] | None]:
    """The cases changed since the marker, or None when so many changed that a full reload is better.

    Every service appends a history event in the same transaction as its change, so the new events
    name every changed case; cases inserted without history (bulk loads) show as new case numbers.
    """
    with desk.reading() as session:
        now_marker = marker_of(session)
        if now_marker == marker:
            return marker, []
        ids = set(
            session.exec(
                select(HistoryEvent.case_id).where(HistoryEvent.id > marker.history).distinct().limit(_PICK_AT_MOST + 1)
            ).all()
        )
        if now_marker.case - marker.case > _PICK_AT_MOST or len(ids) > _PICK_AT_MOST:
            return now_marker, None
        ids |= set(range(marker.case + 1, now_marker.case + 1))
        return now_marker, sorted(ids)


def directory(desk: Desk) -> Directory:
    with desk.reading() as session:
        shown = sorted(d.shown for d in departments_in(session))
        staff = session.exec(select(Staff.name).where(Staff.active).order_by(Staff.name)).all()
    return Directory(tuple(shown), tuple(staff))


# Both maxima in one statement, through the connection (no ORM result): every open queue asks this
# once a second, and two ORM queries were the larger part of what an idle queue costs.
_MARKER = select(select(func.max(HistoryEvent.id)).scalar_subquery(), select(func.max(Case.id)).scalar_subquery())


def marker_of(session: Session) -> Marker:
    history, case = session.connection().execute(_MARKER).one()
    return Marker(history or 0, case or 0)


def _narrowed(session: Session, query, f: QueueFilter):
    if f.kind is not None:
        query = query.where(Case.kind == f.kind)
    if f.severity is not None:
        query = query.where(Case.severity == f.severity)
    if f.after_hours:
        query = query.where(col(Case.after_hours).is_(True))
    if f.department is not None:
        # The filter holds the department as shown (工程部); the table keeps the name it was given.
        kept = [d.name for d in departments_in(session, active_only=False) if f.department.lower() in department_names(d.name)]
        query = query.join(Department, col(Department.id) == Case.department_id).where(
            col(Department.name).in_(kept or [f.department]))
    if f.owner is not None:
        query = query.join(Staff, col(Staff.id) == Case.received_by_id).where(Staff.name == f.owner)
    return query


def _entries(session: Session, cases: list[Case]) -> list[QueueEntry]:
    if not cases:
        return []
    names = Names.load(session)
    pauses = pauses_of(session, [c.id for c in cases])
    stored = stored_of(session, [c.id for c in cases])
    return [
        QueueEntry(
            case=c,
            owner=names.owner(c),
            department=names.department(c),
            assignee=names.assignee(c),
            facts=facts_of(c, pauses.get(c.id, []), stored.get(c.id)),
            haystack=haystack_of(c),
        )
        for c in cases
    ]


def haystack_of(case) -> str:
    """What the free-text search looks in: who, company, which, what and category, in lower case."""
    return " ".join((case.who, case.company, case.which, case.what, case.category)).lower()


def search_words(desk: Desk) -> dict[int, tuple[str, str]]:
    """Every open case's search haystack and phone: read only while the operator searches."""
    c = _CASES.c
    query = select(c.id, c.who, c.company, c.which, c.what, c.category, c.phone).where(c.status.in_(OPEN_STATUSES))
    with desk.reading() as session:
        return {row.id: (haystack_of(row), row.phone) for row in session.connection().execute(query)}


def is_open(entry: QueueEntry) -> bool:
    return entry.case.status.is_open

