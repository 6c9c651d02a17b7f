"""Alembic runs migrations on the connection deskapp hands it (see deskapp.store.db.upgrade)."""

from alembic import context

import deskapp.models

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through deskapp (deskapp init), not the alembic command")

# Batch mode lets SQLite alter tables by copying them, which plain ALTER TABLE cannot do.
context.configure(
    connection=connection,
    target_metadata=deskapp.models.metadata,  # every table, for autogenerate
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
