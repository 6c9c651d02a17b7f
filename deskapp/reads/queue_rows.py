"""The queue's rows for a CaseTable: every shown case's number, in order, in memory; a whole line (the
case, its clocks, their words) worked out only for the rows the table draws, a page at a time.

The numbers come from the keys (`queue_keys`), ordered in SQL on the stored due times; a row drawn
for the first time reads its page of cases (one query for up to PAGE cases), as the history's rows
do. Nothing here writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from deskapp.reads.queue import QueueEntry, QueueLine, is_open, line_at, load_cases
from deskapp.store.context import Desk

PAGE = 60  # rows read at a time: a tall terminal's screenful
KEPT = 2_000  # lines kept at most; beyond, those not asked for again are worked out afresh when drawn


class QueueRows:
    """A row source (`widgets.table_rows.RowSource`) whose keys are case numbers."""

    def __init__(self, desk: Desk, cells: Callable[[QueueLine], Sequence] = lambda line: ()):
        self.desk = desk
        self._cells = cells
        self.lines: dict[int, QueueLine] = {}  # the lines worked out so far, by case number
        self.reads = 0  # pages read from the database (tests look)
        self.set_keys(())

    def set_keys(self, ids: Iterable[int]) -> None:
        self._ids = list(ids)
        self._index: dict[int, int] | None = None

    # ---- CaseTable's row-source interface --------------------------------------------------------

    def row_count(self) -> int:
        return len(self._ids)

    def keys(self, start: int, end: int) -> Sequence[int]:
        return self._ids[max(start, 0) : end]

    def cells(self, case_id: int) -> Sequence:
        line = self.line(case_id)
        return self._cells(line) if line is not None else ()

    def index_of(self, case_id: int) -> int | None:
        if self._index is None:  # made on demand: a reorder costs nothing until a row is looked for
            self._index = {k: i for i, k in enumerate(self._ids)}
        return self._index.get(case_id)

    # ---- the lines -------------------------------------------------------------------------------

    def line(self, case_id: int) -> QueueLine | None:
        """The case's line, its page read first if it has not been."""
        line = self.lines.get(case_id)
        if line is None:
            self._read_page_of(case_id)
            line = self.lines.get(case_id)
        return line

    def _read_page_of(self, case_id: int) -> None:
        at = self.index_of(case_id)
        if at is None:
            wanted = [case_id]
        else:
            first = at - at % PAGE
            wanted = [i for i in self._ids[first : first + PAGE] if i not in self.lines]
        self.reads += 1
        self.add(load_cases(self.desk, wanted), self.desk.now())

    def add(self, entries: Iterable[QueueEntry], now: datetime) -> list[int]:
        """Lines for these cases at `now` (those no longer open are dropped); their numbers."""
        if len(self.lines) > KEPT:
            self.lines = {}
        policy, calendar, added = self.desk.policy, self.desk.calendar, []
        for entry in entries:
            if is_open(entry):
                self.lines[entry.case.id] = line_at(entry, policy, calendar, now)
                added.append(entry.case.id)
        return added

    def forget(self, ids: Iterable[int]) -> None:
        for case_id in ids:
            self.lines.pop(case_id, None)

    def page_ids(self, start: int = 0) -> list[int]:
        """The numbers of the page from `start`: what a first paint draws."""
        return self._ids[start : start + PAGE]
