"""The desk's working context: database, policy, calendar and clock, and its transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session

from deskapp.domain.calendar import WorkCalendar
from deskapp.domain.policy import Policy
from deskapp.store.clock import DeskClock
from deskapp.store.db import writer
from deskapp.store.notify import announce

_current: ContextVar[Session | None] = ContextVar("deskapp_session", default=None)


@dataclass
class Desk:
    engine: Engine
    policy: Policy
    calendar: WorkCalendar
    clock: DeskClock = field(default_factory=DeskClock)

    def now(self) -> datetime:
        return self.clock.now()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction per desk operation. Inside `batch()`, operations share the batch's one."""
        outer = _current.get()
        if outer is not None:
            yield outer
            return
        with Session(writer(self.engine), expire_on_commit=False) as session:
            token = _current.set(session)
            try:
                # Begin now rather than at the first query: on SQLite this waits for the write lock
                # (BEGIN IMMEDIATE), so whatever the operation reads next, the time included, is
                # read while no other desk can write.
                session.connection()
                yield session
                announce(session)  # PostgreSQL: the other desks hear of it when it commits
                session.commit()
            except BaseException:
                session.rollback()
                raise
            finally:
                _current.reset(token)

    def in_transaction(self) -> bool:
        """True inside an operation or a batch: this thread's transaction already holds its locks."""
        return _current.get() is not None

    @contextmanager
    def batch(self) -> Iterator[Session]:
        """Run many operations as one transaction (demo data, imports): all or nothing."""
        with self.transaction() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session
