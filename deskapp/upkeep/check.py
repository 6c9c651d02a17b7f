"""Checking that the records are whole: the database's own integrity check and the history chains."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import col, func, select

from deskapp.desk.history import event_hash
from deskapp.domain.rules import operation_name
from deskapp.i18n import _
from deskapp.models import Case, HistoryEvent
from deskapp.store.context import Desk

_BATCH = 20_000


@dataclass
class CheckReport:
    database: list[str] = field(default_factory=list)  # problems the database itself reports (SQLite's words)
    history: list[str] = field(default_factory=list)  # breaks in the history chains
    events: int = 0
    cases: int = 0

    @property
    def ok(self) -> bool:
        return not self.database and not self.history


def check(desk: Desk, progress: Callable[[int, int], None] | None = None) -> CheckReport:
    report = CheckReport()
    report.database = _database_check(desk)
    _history_check(desk, report, progress)
    return report


def _database_check(desk: Desk) -> list[str]:
    with desk.engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            rows = [r[0] for r in connection.execute(text("PRAGMA integrity_check"))]
            problems = [] if rows == ["ok"] else rows
            orphans = list(connection.execute(text("PRAGMA foreign_key_check")))
            problems += [_("a row in {table} points to a missing row in {parent}").format(table=row[0], parent=row[2])
                         for row in orphans]
            return problems
        connection.execute(text("SELECT 1"))  # PostgreSQL checks its own pages as it reads them
        return []


def _history_check(desk: Desk, report: CheckReport, progress) -> None:
    """Every event must hash to what it stores, point to the one before it for its case and take
    the next number in the case's chain (events before 0007 are hashed as they were made)."""
    with desk.reading() as session:
        total = session.exec(select(func.count()).select_from(HistoryEvent)).one()
        last_hash: dict[int, str] = {}
        last_seq: dict[int, int] = {}
        after = 0
        while True:
            batch = session.exec(
                select(HistoryEvent).where(col(HistoryEvent.id) > after).order_by(col(HistoryEvent.id)).limit(_BATCH)
            ).all()
            if not batch:
                break
            for event in batch:
                step = dict(number=event.case_id, event=event.id, action=operation_name(event.action))
                if event_hash(event) != event.hash:
                    report.history.append(
                        _("case {number}: history event {event} ({action}) was changed after it was written").format(**step))
                follows = event.seq == last_seq.get(event.case_id, 0) + 1
                if event.prev_hash != last_hash.get(event.case_id, "") or not follows:
                    report.history.append(
                        _("case {number}: the history before event {event} ({action}) was changed or removed").format(**step))
                last_hash[event.case_id] = event.hash
                last_seq[event.case_id] = event.seq
            report.events += len(batch)
            after = batch[-1].id
            session.expunge_all()
            if progress:
                progress(report.events, total)
        report.cases = len(last_hash)
        # Every operation bumps the case's version and writes at least one event, so a case with
        # fewer events than its version has lost some from the end of its chain.
        counts = (
            select(HistoryEvent.case_id, func.count().label("events"))
            .group_by(HistoryEvent.case_id)
            .subquery()
        )
        short = session.exec(
            select(Case.id, Case.version, func.coalesce(counts.c.events, 0))
            .outerjoin(counts, counts.c.case_id == Case.id)
            .where(func.coalesce(counts.c.events, 0) < Case.version)
        ).all()
        for case_id, version, events in short:
            report.history.append(_("case {number}: its latest history is missing ({events} events for {changes} changes)")
                                  .format(number=case_id, events=events, changes=version))
