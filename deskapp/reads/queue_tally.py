"""The open cases' deadline states at any instant, from their keys: counted by bisection, not by
working out each case's clocks.

The state of a clock that is not waiting depends on its due alone, against two instants of "now":
it is overdue once now passes the due (at any hour), and due soon once the time left, in the clock's
own counting, is under its share (`due_soon_share` of its span, or `due_soon_minutes`). Working time
left is the calendar's cumulative working time at the due less that at now, so "left < T" is "due
before add_working(now, T)", the earliest instant by which T working time has passed. Clocks with
the same counting and span share that instant: the dues of each such group are kept sorted, and a
count is two bisections per group whatever the number of cases.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.enums import ClockState, Counting
from deskapp.domain.policy import Policy
from deskapp.reads.queue import Counts
from deskapp.reads.queue_keys import QueueKey

_US = timedelta(microseconds=1)


class Tally:
    """Counts and states of a set of keys at any instant; built once per load or change."""

    def __init__(self, keys: Iterable[QueueKey], policy: Policy, calendar: WorkCalendar):
        self.policy, self.calendar = policy, calendar
        self.open = self.waiting = 0
        self._dues: list[datetime] = []
        self._groups: dict[tuple[Counting, int], list[datetime]] = {}
        self._morning: list[tuple[datetime, int]] = []  # (started, case) of after-hours working-time clocks
        self._keys: dict[int, QueueKey] = {}
        for key in keys:
            self.open += 1
            self._keys[key.case_id] = key
            if key.waiting:
                self.waiting += 1
            elif key.due is not None:
                self._dues.append(key.due)
                self._groups.setdefault((key.counting, key.span_us), []).append(key.due)
                if key.after_hours and key.counting is Counting.working:
                    self._morning.append((key.started_at, key.case_id))
        # Keys come in the queue's order, which sorts the dues of those not waiting but not the
        # waiting ones' fixed clocks among them: sort, which costs nothing on sorted lists.
        self._dues.sort()
        for dues in self._groups.values():
            dues.sort()
        self._morning.sort()
        self._soon_at: dict[tuple[Counting, int], datetime | None] = {}
        self._soon_now: datetime | None = None

    # ---- one clock ---------------------------------------------------------------------------------

    def soon_before(self, counting: Counting, span_us: int, now: datetime) -> datetime | None:
        """A clock of this counting and span not yet overdue is due soon when due before this instant
        (None: always, a clock with no span)."""
        if now != self._soon_now:
            self._soon_at, self._soon_now = {}, now
        group = (counting, span_us)
        if group in self._soon_at:
            return self._soon_at[group]
        if span_us <= 0:
            found = None
        else:
            share = max(timedelta(microseconds=span_us) * self.policy.due_soon_share,
                        timedelta(minutes=self.policy.due_soon_minutes))
            at = now.astimezone(UTC)
            found = at + share if counting is Counting.wall else self.calendar.add_working(at, share)
        self._soon_at[group] = found
        return found

    def state(self, key: QueueKey, now: datetime) -> ClockState | None:
        """The state of the key's next clock at `now`, as `compute_clocks` would judge it."""
        if key.waiting:
            return ClockState.waiting
        if key.due is None:
            return None
        if now > key.due:
            return ClockState.overdue
        soon = self.soon_before(key.counting, key.span_us, now)
        return ClockState.due_soon if soon is None or key.due < soon else ClockState.on_time

    # ---- every clock -------------------------------------------------------------------------------

    def counts(self, now: datetime) -> Counts:
        overdue = bisect_left(self._dues, now)  # due before now: now is past them
        due_soon = 0
        for (counting, span_us), dues in self._groups.items():
            late = bisect_left(dues, now)
            soon = self.soon_before(counting, span_us, now)
            due_soon += (len(dues) if soon is None else bisect_left(dues, soon)) - late
        return Counts(self.open, overdue, due_soon, self.waiting, self._awaiting_morning(now))

    def _awaiting_morning(self, now: datetime) -> int:
        """Recorded after hours, its working-time clock on time with no working time passed since it
        started: only those started since the desk last worked can be (`queue.waits_for_morning`)."""
        if not self._morning:
            return 0
        quiet = self._quiet_since(now)
        found = 0
        for _started, case_id in self._morning[bisect_left(self._morning, (quiet, -1)):]:
            key = self._keys[case_id]
            if self.state(key, now) is ClockState.on_time and self.calendar.working_between(key.started_at, now) <= timedelta(0):
                found += 1
        return found

    def _quiet_since(self, now: datetime) -> datetime:
        """The earliest instant from which no working time has passed until now: one microsecond of
        work back from now, then forward again, lands on the end of the last working time (or now)."""
        at = now.astimezone(UTC)
        return self.calendar.add_working(self.calendar.add_working(at, -_US), _US)
