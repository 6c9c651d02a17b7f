"""Opening the desk: the database at the newest schema, the staff list loaded, the rules read."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from deskapp.config.datafiles import StaffList, load_calendar, load_policy, load_staff
from deskapp.config.paths import database_url, sqlite_path
from deskapp.i18n import _
from deskapp.models import Department, Staff
from deskapp.store import db
from deskapp.store.clock import DeskClock
from deskapp.store.context import Desk
from deskapp.store.faults import FOLDER, NOT_A_DESK, DatabaseFault


def open_desk(db_arg: str | None = None, data: Path | None = None, clock: DeskClock | None = None,
              create: bool = True) -> tuple[Desk, str | None]:
    """The desk on the chosen database, migrated and with its staff list. Returns a notice, if any.

    With create=False (every command but `init` and `demo`, and the app) a path or URL where no
    desk database exists is refused instead of silently becoming a new, empty desk.
    """
    policy = load_policy(data)
    calendar = load_calendar(data)
    url = database_url(db_arg)
    if not create:
        _must_be_a_sqlite_desk_file(url)
    engine = db.make_engine(url)
    if not create:
        _must_hold_a_desk(engine)
    notice = db.prepare(engine)
    # A write like any other (db.writer): the same file as opened, and no restore holding the records.
    with Session(db.writer(engine)) as session:
        if session.exec(select(Staff.id).limit(1)).first() is None:
            sync_staff(session, load_staff(data))
            session.commit()
    return Desk(engine, policy, calendar, clock or DeskClock()), notice


_SQLITE_HEADER = b"SQLite format 3\x00"


def _must_be_a_sqlite_desk_file(url: str) -> None:
    path = sqlite_path(url)
    if path is None:
        return
    if path.is_dir():
        raise DatabaseFault(FOLDER, _("{path} is a folder, not a desk database").format(path=path))
    if not path.exists():
        raise DatabaseFault(NOT_A_DESK, _(
            "there is no desk database at {path}; check --db or DESKAPP_DB, or create one with "
            "`deskapp init --db {path}`").format(path=path))
    with open(path, "rb") as file:
        header = file.read(len(_SQLITE_HEADER))
    if not header:
        raise DatabaseFault(NOT_A_DESK, _(
            "{path} is an empty file, not a desk database; check --db, or restore a backup").format(path=path))
    if header != _SQLITE_HEADER:
        raise DatabaseFault(NOT_A_DESK, _("{path} is not a desk database (not a SQLite file)").format(path=path))


def _must_hold_a_desk(engine) -> None:
    with engine.connect() as connection:
        tables = set(sa.inspect(connection).get_table_names())
    if not {"alembic_version", "cases"} & tables:
        where = engine.url.render_as_string(hide_password=True)
        engine.dispose()
        raise DatabaseFault(NOT_A_DESK, _(
            "{where} holds no desk database; check --db or DESKAPP_DB, or create one with `deskapp init`").format(where=where))


def sync_staff(session: Session, staff_list: StaffList) -> tuple[int, int]:
    """Add or update departments by name, and seed the people not yet in the database. Nobody is
    removed (old cases still name them), and a person already there is left as they are: once seeded,
    the staff list is kept with `deskapp staff` (add, role, leave, each with its history), and running
    `init` again must not undo a role changed there, nor bring back a person who left."""
    added = updated = 0
    departments = {d.name: d for d in session.exec(select(Department)).all()}
    for name, phone in staff_list.departments:
        dept = departments.get(name)
        if dept is None:
            dept = departments[name] = Department(name=name, phone=phone)
            added += 1
        elif dept.phone != phone:
            dept.phone = phone
            updated += 1
        session.add(dept)
    session.flush()
    people = {s.name: s for s in session.exec(select(Staff)).all()}
    for entry in staff_list.staff:
        dept_id = departments[entry.department].id if entry.department else None
        if entry.name not in people:
            session.add(Staff(name=entry.name, role=entry.role, department_id=dept_id, phone=entry.phone))
            added += 1
    return added, updated
