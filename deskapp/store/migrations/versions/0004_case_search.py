"""free-text search over cases: FTS5 (trigram) on SQLite, pg_trgm on PostgreSQL

Trigrams match any run of three characters, so Chinese text, which has no spaces between words,
is found as well as English.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 14:20:00
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# The fields a search looks through (the 5W1H the caller said, the phone and the category).
FIELDS = ("who", "company", "which", "what", "why", "how", "phone", "category")
_COLUMNS = ", ".join(FIELDS)
_NEW = ", ".join(f"new.{f}" for f in FIELDS)
_OLD = ", ".join(f"old.{f}" for f in FIELDS)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(f"CREATE VIRTUAL TABLE cases_fts USING fts5({_COLUMNS}, content='cases', "
                   "content_rowid='id', tokenize='trigram')")
        op.execute(f"INSERT INTO cases_fts(rowid, {_COLUMNS}) SELECT id, {_COLUMNS} FROM cases")
        op.execute(f"CREATE TRIGGER cases_fts_insert AFTER INSERT ON cases BEGIN "
                   f"INSERT INTO cases_fts(rowid, {_COLUMNS}) VALUES (new.id, {_NEW}); END")
        op.execute(f"CREATE TRIGGER cases_fts_delete AFTER DELETE ON cases BEGIN "
                   f"INSERT INTO cases_fts(cases_fts, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD}); END")
        op.execute(f"CREATE TRIGGER cases_fts_update AFTER UPDATE ON cases BEGIN "
                   f"INSERT INTO cases_fts(cases_fts, rowid, {_COLUMNS}) VALUES ('delete', old.id, {_OLD}); "
                   f"INSERT INTO cases_fts(rowid, {_COLUMNS}) VALUES (new.id, {_NEW}); END")
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # The fields are never NULL, so plain || (immutable, as an index needs) joins them.
        joined = " || ' ' || ".join(FIELDS)
        op.execute(f"CREATE INDEX ix_cases_search ON cases USING gin ((lower({joined})) gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS cases_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS cases_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_cases_search")
