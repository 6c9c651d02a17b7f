"""Every case ever recorded, newest first, read a window at a time: the history screen's rows.

The rows are ordered on (received_at, id), newest first; SQLite's index on received_at carries the
rowid, so that order is the index itself. Rows are read a page at a time and the pages kept in a
small cache:

- a page next to one already read is found by keyset (`(received_at, id) < last seen`): page down
  and page up cost one index seek, wherever they are;
- any other page (the scrollbar dragged, a jump) by OFFSET from the nearer end: the far half is read
  in ascending order and reversed, so the last page costs what the first does;
- the count is one COUNT(*), asked once per filter.

Only the page's cases are loaded; their clocks are computed when a row is drawn (`HistoryRow.next`),
so a million cases cost what a screenful does. Nothing here writes.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, func, select

from deskapp.domain.clocks import Clock, compute_clocks, next_clock
from deskapp.domain.enums import Kind, Severity, Status, Validity
from deskapp.models import Case, Pause
from deskapp.reads.clock_rows import stored_of
from deskapp.reads.search import index_count, indexed_words, matching, place_in
from deskapp.reads.views import Names, facts_of, pauses_of
from deskapp.store.context import Desk

PAGE = 100
CACHED_PAGES = 40  # 4,000 rows' keys; the cases themselves are cached per page too
_AT, _ID = col(Case.received_at), col(Case.id)


@dataclass(frozen=True)
class HistoryFilter:
    kind: Kind | None = None
    severity: Severity | None = None
    validity: Validity | None = None
    department_id: int | None = None
    status: Status | None = None
    since: datetime | None = None  # received at or after
    until: datetime | None = None  # received before
    text: str = ""

    def narrow(self, query, dialect: str, in_order: bool = False):
        if self.kind is not None:
            query = query.where(Case.kind == self.kind)
        if self.severity is not None:
            query = query.where(Case.severity == self.severity)
        if self.validity is not None:
            query = query.where(Case.validity == self.validity)
        if self.department_id is not None:
            query = query.where(Case.department_id == self.department_id)
        if self.status is not None:
            query = query.where(Case.status == self.status)
        if self.since is not None:
            query = query.where(_AT >= self.since)
        if self.until is not None:
            query = query.where(_AT < self.until)
        if self.text.strip():
            query = matching(query, self.text, dialect, in_order)
        return query

    def only_indexed_text(self, dialect: str) -> bool:
        """Nothing but words the search index answers alone: it can count them without the cases."""
        words = self.text.split()
        return (bool(words) and self.but(text="").is_empty and indexed_words(words, dialect) == words
                and place_in(self.text) is None)  # a place is matched on the cases' canonical place

    @property
    def is_empty(self) -> bool:
        return self == HistoryFilter()

    def but(self, **changes) -> HistoryFilter:
        return replace(self, **changes)


@dataclass
class HistoryRow:
    """One case as the history shows it; its clocks are computed the first time they are asked for."""

    case: Case
    owner: str
    department: str | None
    pauses: list[Pause]
    _now: datetime
    _desk: Desk
    _next: Any = field(default=False, repr=False)
    stored: tuple | None = None  # the clocks as recorded (None: worked out from the rules)

    @property
    def next(self) -> Clock | None:
        if self._next is False:
            clocks = compute_clocks(facts_of(self.case, self.pauses, self.stored), self._desk.policy, self._desk.calendar, self._now)
            self._next = next_clock(clocks)
        return self._next


Key = tuple  # (received_at, id)


class HistorySource:
    """A read-only, windowed row source for CaseTable: row keys are case numbers."""

    def __init__(self, desk: Desk, filter: HistoryFilter | None = None,
                 cells: Callable[[HistoryRow], Sequence] = lambda row: (), now: datetime | None = None):
        self.desk = desk
        self.filter = filter or HistoryFilter()
        self._cells = cells
        self.now = now or desk.now()
        self._dialect = desk.engine.dialect.name
        self._count: int | None = None
        self._pages: OrderedDict[int, list[Key]] = OrderedDict()
        self._rows: dict[int, HistoryRow] = {}
        self._row_page: dict[int, int] = {}  # case id -> the page it was read with
        self._cell_cache: dict[int, Sequence] = {}
        self._names: Names | None = None
        self.queries = 0  # how many pages were read from the database (tests and benchmarks look)
        self._in_order_cached: bool | None = None

    # ---- CaseTable's row-source interface --------------------------------------------------------

    def row_count(self) -> int:
        if self._count is None:
            if self.filter.only_indexed_text(self._dialect):
                query = index_count(self.filter.text)  # 8 ms for 50,000 matches in a million, not 60
            else:
                query = self.filter.narrow(select(func.count()).select_from(Case), self._dialect)
            with self.desk.reading() as session:
                self._count = int(session.execute(query).scalar_one())
        return self._count

    def _in_order(self) -> bool:
        """Many matches: walk the received_at index and test each case (a page stops after 100 of
        them) rather than fetch every match and sort them. Walking costs about PAGE * all / matches
        index entries, sorting about `matches` rows: the crossing is at matches² = PAGE * all."""
        if self._in_order_cached is None:
            self._in_order_cached = False
            if self.filter.text.strip() and self._dialect == "sqlite":
                with self.desk.reading() as session:
                    every = session.exec(select(func.max(Case.id))).one() or 0
                self._in_order_cached = self.row_count() ** 2 > PAGE * every
        return self._in_order_cached

    def keys(self, start: int, end: int) -> list[int]:
        start, end = max(start, 0), min(end, self.row_count())
        ids: list[int] = []
        page = start // PAGE
        while page * PAGE < end:
            rows = self._page(page)
            lo, hi = max(start - page * PAGE, 0), min(end - page * PAGE, PAGE)
            ids.extend(key[1] for key in rows[lo:hi])
            page += 1
        return ids

    def cells(self, case_id: int) -> Sequence:
        cells = self._cell_cache.get(case_id)
        if cells is None:
            row = self.row(case_id)
            cells = self._cells(row) if row is not None else ()
            self._cell_cache[case_id] = cells
        return cells

    def index_of(self, case_id: int) -> int | None:
        page = self._row_page.get(case_id)
        if page is None or page not in self._pages:
            return None
        for i, key in enumerate(self._pages[page]):
            if key[1] == case_id:
                return page * PAGE + i
        return None

    # ---- beyond the interface -------------------------------------------------------------------

    def row(self, case_id: int) -> HistoryRow | None:
        row = self._rows.get(case_id)
        if row is None:
            self._load_rows([case_id], self._row_page.get(case_id, -1))
            row = self._rows.get(case_id)
        return row

    def index_at(self, moment: datetime) -> int:
        """The row of the newest case received at or before `moment` (the first row of that day)."""
        query = self.filter.narrow(select(func.count()).select_from(Case), self._dialect).where(_AT > moment)
        with self.desk.reading() as session:
            return min(int(session.exec(query).one()), max(self.row_count() - 1, 0))

    # ---- pages ----------------------------------------------------------------------------------

    def _page(self, page: int) -> list[Key]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        rows = self._read_page(page)
        self._pages[page] = rows
        if len(self._pages) > CACHED_PAGES:
            old, dropped = self._pages.popitem(last=False)
            for _, case_id in dropped:
                if self._row_page.get(case_id) == old:
                    self._row_page.pop(case_id, None)
                    self._rows.pop(case_id, None)
                    self._cell_cache.pop(case_id, None)
        for key in rows:
            self._row_page[key[1]] = page
        self._load_rows([key[1] for key in rows], page)
        return rows

    def _read_page(self, page: int) -> list[Key]:
        self.queries += 1
        base = self.filter.narrow(select(_AT, _ID), self._dialect, self._in_order())
        count, offset = self.row_count(), page * PAGE
        before, after = self._pages.get(page - 1), self._pages.get(page + 1)
        if before:  # the page after one we hold: keyset, newest first
            at, case_id = before[-1]
            query = base.where(sa.tuple_(_AT, _ID) < sa.tuple_(sa.literal(at, Case.__table__.c.received_at.type),
                                                                  sa.literal(case_id)))
            query = query.order_by(_AT.desc(), _ID.desc()).limit(PAGE)
            return self._fetch(query)
        if after:  # the page before one we hold: keyset, oldest first, turned round
            at, case_id = after[0]
            query = base.where(sa.tuple_(_AT, _ID) > sa.tuple_(sa.literal(at, Case.__table__.c.received_at.type),
                                                                  sa.literal(case_id)))
            query = query.order_by(_AT.asc(), _ID.asc()).limit(PAGE)
            return self._fetch(query)[::-1]
        if offset * 2 > count:  # nearer the oldest end: read from there
            end = min(offset + PAGE, count)
            skip = count - end
            query = base.order_by(_AT.asc(), _ID.asc()).offset(skip).limit(end - offset)
            return self._fetch(query)[::-1]
        return self._fetch(base.order_by(_AT.desc(), _ID.desc()).offset(offset).limit(PAGE))

    def _fetch(self, query) -> list[Key]:
        with self.desk.reading() as session:
            return [(at, case_id) for at, case_id in session.exec(query).all()]

    def _load_rows(self, ids: list[int], page: int) -> None:
        ids = [i for i in ids if i not in self._rows]
        if not ids:
            return
        with self.desk.reading() as session:
            if self._names is None:
                self._names = Names.load(session)
            cases = session.exec(select(Case).where(_ID.in_(ids))).all()
            pauses = pauses_of(session, ids)
            stored = stored_of(session, ids)
        for case in cases:
            self._rows[case.id] = HistoryRow(
                case=case, owner=self._names.owner(case), department=self._names.department(case),
                pauses=pauses.get(case.id, []), _now=self.now, _desk=self.desk, stored=stored.get(case.id),
            )
