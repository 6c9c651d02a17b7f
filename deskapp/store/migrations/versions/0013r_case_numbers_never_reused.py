"""case numbers never reused: SQLite's cases table numbers with AUTOINCREMENT

A case number is read out to the caller. SQLite gave the next case max(id) + 1, so restoring a backup
handed out again every number issued since that backup. With AUTOINCREMENT SQLite remembers the
highest number ever issued (sqlite_sequence), and a restore sets it past every number the replaced
records had issued (deskapp/upkeep/restore.py). PostgreSQL's sequence already never goes back.

The table's rows do not change: AUTOINCREMENT changes only how the next rowid is chosen, so the
table is not rebuilt (a rebuild would have to drop `cases`, which the history's foreign keys forbid
inside a transaction). SQLite documents this in-place procedure for schema changes that "do not
affect the on-disk content in any way" (ALTER TABLE, section "making other kinds of table schema
changes"): rewrite the CREATE statement with writable_schema and bump schema_version.

Revision ID: 0013r
Revises: 0010
Create Date: 2026-12-01 19:40:00
"""
from alembic import op

revision = '0013r'
down_revision = '0010'
branch_labels = None
depends_on = None

_PLAIN = "CONSTRAINT pk_cases PRIMARY KEY (id)"
_COUNTED = "CONSTRAINT pk_cases PRIMARY KEY (id AUTOINCREMENT)"


def upgrade() -> None:
    _rewrite(_PLAIN, _COUNTED)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM sqlite_sequence WHERE name = 'cases'")
        op.execute("INSERT INTO sqlite_sequence (name, seq) SELECT 'cases', coalesce(max(id), 0) FROM cases")


def downgrade() -> None:
    _rewrite(_COUNTED, _PLAIN)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM sqlite_sequence WHERE name = 'cases'")


def _rewrite(old: str, new: str) -> None:
    connection = op.get_bind()
    if connection.dialect.name != "sqlite":
        return
    sql = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cases'").scalar()
    if old not in sql:
        raise RuntimeError(f"the cases table is not as migration 0013r expects: {sql!r}")
    # sqlite_sequence exists once any AUTOINCREMENT table was created: a throw-away one makes it.
    connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS _desk_makes_sequence (id INTEGER PRIMARY KEY AUTOINCREMENT)")
    connection.exec_driver_sql("DROP TABLE _desk_makes_sequence")
    version = connection.exec_driver_sql("PRAGMA schema_version").scalar()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    connection.exec_driver_sql("UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'cases'",
                               (old, new))
    # Every open connection rereads the schema when the version moves on.
    connection.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    connection.exec_driver_sql("PRAGMA writable_schema = OFF")
