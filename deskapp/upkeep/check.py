"""Checking that the records are whole: the database's own integrity check, the history chains
(sealed with the history key when the desk has one), the case rows replayed from their history,
and, given an anchor line kept outside the database, that nothing before it changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import col, func, select

from deskapp.desk.history import event_hash
from deskapp.domain.rules import operation_name
from deskapp.i18n import _
from deskapp.models import Case, HistoryEvent
from deskapp.reads.anchor import Anchor, HeadDigest
from deskapp.store.context import Desk
from deskapp.store.history_key import ENV, HistoryKey, history_key, key_file
from deskapp.upkeep.replay import replay_check, replay_notes

_BATCH = 20_000


@dataclass
class CheckReport:
    database: list[str] = field(default_factory=list)  # problems the database itself reports (SQLite's words)
    history: list[str] = field(default_factory=list)  # breaks in the history chains
    records: list[str] = field(default_factory=list)  # rows that differ from what their history says
    anchor: list[str] = field(default_factory=list)  # what changed since the anchor given
    notes: list[str] = field(default_factory=list)  # worth saying, not a fault (an unkeyed chain)
    keyed: bool = False
    events: int = 0
    cases: int = 0

    @property
    def ok(self) -> bool:
        return not (self.database or self.history or self.records or self.anchor)


def check(desk: Desk, progress: Callable[[int, int], None] | None = None, anchor: Anchor | None = None) -> CheckReport:
    report = CheckReport()
    report.database = _database_check(desk)
    key = history_key(str(desk.engine.url))
    report.keyed = key is not None
    head = _history_check(desk, report, progress, key, anchor)
    report.records = replay_check(desk)
    report.notes += replay_notes(desk)
    if anchor is not None:
        report.anchor = _against(anchor, head)
    if key is None:
        report.notes.append(_unkeyed_words(desk))
        if report.history:
            report.notes.append(_("if this desk has a history key, give it ({name} or the key file beside the "
                                  "database): events sealed with the key cannot be checked without it").format(name=ENV))
    return report


def _unkeyed_words(desk: Desk) -> str:
    path = key_file(str(desk.engine.url))
    where = (_("run `deskapp init` to make the key file {path}").format(path=path) if path is not None
             else _("set {name} for every desk").format(name=ENV))
    return _("the history chain is unkeyed: it shows an accidental change, but anyone who can write the database "
             "could recompute it; {where}").format(where=where)


def _against(anchor: Anchor, head: HeadDigest | None) -> list[str]:
    if head is None or head.events < anchor.events:
        return [_("the anchor of {time} covers {events} events up to event {last}, but fewer are there now: "
                  "history was removed").format(time=anchor.at.isoformat(), events=anchor.events, last=anchor.last)]
    if head.events != anchor.events or head.hexdigest() != anchor.head:
        return [_("the history up to event {last} is not what the anchor of {time} recorded: events before it "
                  "were changed, removed or added since").format(last=anchor.last, time=anchor.at.isoformat())]
    return []


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


def _history_check(desk: Desk, report: CheckReport, progress, key: HistoryKey | None,
                   anchor: Anchor | None) -> HeadDigest | None:
    """Every event must hash to what it stores, point to the one before it for its case and take
    the next number in the case's chain (events before 0007 are hashed as they were made). With a
    key, every event written since the key was made must be sealed with it."""
    head = HeadDigest() if anchor is not None else None
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
                sealed = _seal_problem(event, key)
                if sealed:
                    report.history.append(sealed.format(**step))
                if head is not None and event.id <= anchor.last:
                    head.add(event.id, event.case_id, event.seq, event.hash)
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
    return head


def _seal_problem(event: HistoryEvent, key: HistoryKey | None) -> str | None:
    """None when the event's seal is right; otherwise the sentence (to be filled in) that says how not."""
    if key is not None and event.id > key.keyed_after:
        if event_hash(event, key) == event.hash:
            return None
        if event_hash(event) == event.hash:
            return _("case {number}: history event {event} ({action}) was sealed without the history key: "
                     "the chain was recomputed by someone who does not hold the key")
    elif event_hash(event) == event.hash or (key is not None and event_hash(event, key) == event.hash):
        return None
    return _("case {number}: history event {event} ({action}) was changed after it was written")
