"""The schema comes from Alembic migrations, and they match the tables the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from deskapp.models import metadata
from deskapp.store import db


def test_migrations_build_exactly_the_declared_schema(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    db.upgrade(engine)
    with engine.connect() as connection:
        # The search index (migration 0004) lives outside the declared tables, on purpose.
        context = MigrationContext.configure(connection, opts={
            "include_name": lambda name, kind, _parent: not (name or "").startswith("cases_fts")})
        differences = compare_metadata(context, metadata)
    assert differences == [], "a model changed without a migration: add one under deskapp/migrations/versions"


def test_prepare_creates_a_new_database_and_leaves_a_current_one_alone(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'desk.db'}")
    assert db.current_revision(engine) is None
    assert db.prepare(engine) is None
    assert db.current_revision(engine) == db.head_revision()
    assert db.prepare(engine) is None


def test_a_new_database_file_is_readable_by_its_owner_only(tmp_path):
    path = tmp_path / "private.db"
    db.make_engine(f"sqlite:///{path}")
    assert path.stat().st_mode & 0o077 == 0


def test_the_schema_head_constant_names_the_newest_migration():
    assert db.SCHEMA_HEAD == db.head_revision()


def _filled_at_first_revision(path):
    """A database at the first schema, filled the way 0001's desk wrote it (raw SQL, 0001's columns)."""
    import sqlalchemy as sa

    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine, "0001")
    with engine.begin() as c:
        c.execute(sa.text("INSERT INTO departments (id, name, phone, active) VALUES (1, 'Engineering', '1200', 1)"))
        c.execute(sa.text("INSERT INTO staff (id, name, role, department_id, phone, active) "
                          "VALUES (1, 'Wang Fang', 'receptionist', 1, '138', 1)"))
        for n in range(1, 51):
            c.execute(sa.text(
                "INSERT INTO cases (id, channel, kind, severity, category, who, company, which, building, floor, unit,"
                " what, why, how, phone, special_requests, received_at, received_by_id, after_hours, status, validity,"
                " validity_reason, outcome, reopen_count, flagged, void_reason, version) VALUES (:n, 'phone',"
                " 'complaint', 'general', 'noise', :who, '', 'Tower B 12F 1203', 'Tower B', '12', '1203', 'noise',"
                " '', '', '13800138000', '', '2026-11-20 11:30:00.000000', 1, 0, 'received', 'undecided', '', '', 0,"
                " '', '', 1)"), {"n": n, "who": f"caller {n}"})
            c.execute(sa.text(
                "INSERT INTO history (case_id, at, recorded_at, actor_id, action, changes, note, prev_hash, hash)"
                " VALUES (:n, '2026-11-20 11:30:00.000000', '2026-11-20 11:30:00.000000', 1, 'intake', '{}', '',"
                " '', :h)"), {"n": n, "h": f"{n:064d}"})
    return engine


def test_upgrading_a_filled_first_schema_keeps_every_row_and_event(tmp_path):
    import sqlalchemy as sa

    engine = _filled_at_first_revision(tmp_path / "old.db")
    db.upgrade(engine)
    assert db.current_revision(engine) == db.head_revision()
    with engine.connect() as c:
        assert c.execute(sa.text("SELECT count(*) FROM cases")).scalar() == 50
        assert c.execute(sa.text("SELECT count(*) FROM history")).scalar() == 50
        assert c.execute(sa.text("SELECT who FROM cases WHERE id = 17")).scalar() == "caller 17"
        assert c.execute(sa.text("SELECT hash FROM history WHERE case_id = 50")).scalar() == f"{50:064d}"


def test_an_older_database_is_copied_aside_before_the_upgrade_and_the_desk_is_told(tmp_path):
    from alembic.script import ScriptDirectory

    head = db.head_revision()
    if ScriptDirectory.from_config(db._alembic_config(None)).get_revision(head).down_revision is None:
        return  # one migration only: nothing is older yet
    engine = _filled_at_first_revision(tmp_path / "desk.db")
    notice = db.prepare(engine)
    assert notice.startswith(f"database upgraded from schema 0001 to {head}; the old file was kept as")
    [kept] = tmp_path.glob("desk.before-0001-*.db")
    assert kept.stat().st_mode & 0o077 == 0
    old = db.make_engine(f"sqlite:///{kept}")
    assert db.current_revision(old) == "0001"
