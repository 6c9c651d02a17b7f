"""PostgreSQL tells the other desks the moment something is written: `NOTIFY` with every write's
commit, and a listener in each running app that wakes its screens.

Several desks on one PostgreSQL queue would otherwise learn of each other's work only at their next
poll. A notification is delivered when (and only if) the writing transaction commits, so a desk
never hears of a save that was rolled back. The screens still poll as before, more slowly than they
are woken: a listener that lost its server (a restart, a network blip) reconnects by itself, and
meanwhile nothing is missed, only later. SQLite has no such channel; its desks poll.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

CHANNEL = "deskapp_changed"
RECONNECT_SECONDS = 5.0  # a lost server is tried again this often
_WAIT_SECONDS = 1.0  # how long one wait for a notification lasts before the stop flag is looked at


def announce(session: Session) -> None:
    """Inside a writing transaction: the other desks hear of it once it commits (PostgreSQL only)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


def listens(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


class Listener:
    """A thread holding one connection that LISTENs; `changed()` is called (in that thread) for each
    notification, several arriving together counted as one."""

    def __init__(self, engine: Engine, changed: Callable[[], None]):
        # psycopg takes the libpq form of the URL: the same server, user and database as the desk.
        self.conninfo = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.changed = changed
        self.stopped = threading.Event()
        self.listening = threading.Event()  # set while a connection listens (tests wait for it)
        self.thread = threading.Thread(target=self._run, name="deskapp-listener", daemon=True)

    def start(self) -> Listener:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopped.set()

    def _run(self) -> None:
        while not self.stopped.is_set():
            try:
                self._listen()
            except Exception:  # the server went away: the screens' own polls carry on meanwhile
                self.listening.clear()
                self.stopped.wait(RECONNECT_SECONDS)

    def _listen(self) -> None:
        import psycopg

        with psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self.listening.set()
            while not self.stopped.is_set():
                heard = False
                for _notice in connection.notifies(timeout=_WAIT_SECONDS, stop_after=1):
                    heard = True
                if heard:
                    self._drain(connection)
                    self.changed()

    @staticmethod
    def _drain(connection) -> None:
        """Notifications already waiting are the same news: one wake-up for them all."""
        for _notice in connection.notifies(timeout=0.0):
            pass
