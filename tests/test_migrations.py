"""The schema comes from Alembic migrations, and they match the tables the code declares."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from deskapp import db


def test_migrations_build_exactly_the_declared_schema(tmp_path):
    engine = db.make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    db.upgrade(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
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
