"""place_key on cases: one canonical place however the caller said it

"B座12层1203室" and "Tower B 12F 1203" are the same unit; the repeat-caller panel and the batch-incident
check compared the building as typed, so each found only the cases written its own way. Every case
now keeps its place as the place register (data/places.toml) reads it ("B/12/1203"), and those
lookups match on that. Existing cases are filled from their building, floor and unit.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 19:40:00
"""
import sqlalchemy as sa
from alembic import op

from deskapp.config.places import place_key

revision = '0010'
down_revision = '0009'  # chained after 0009 (stored due times) when the branches met
branch_labels = None
depends_on = None

_cases = sa.table('cases', sa.column('building', sa.String), sa.column('floor', sa.String),
                  sa.column('unit', sa.String), sa.column('place_key', sa.String))


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch rebuild: SQLite keeps the search index's triggers on cases.
    op.add_column('cases', sa.Column('place_key', sa.String(length=120), nullable=False, server_default=''))
    _fill(op.get_bind())
    op.create_index('ix_cases_place_key', 'cases', ['place_key'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_cases_place_key', table_name='cases')
    # SQLite 3.35 and PostgreSQL drop a column in place; a batch rebuild would break the history's
    # foreign keys to cases and the search index's triggers.
    op.execute('ALTER TABLE cases DROP COLUMN place_key')


def _fill(connection) -> None:
    """Each distinct building, floor and unit read once: a million cases are a few thousand places."""
    c = _cases.c
    places = connection.execute(sa.select(c.building, c.floor, c.unit).distinct()).all()
    for building, floor, unit in places:
        key = place_key(building or "", floor or "", unit or "")
        if key:
            connection.execute(sa.update(_cases).where(c.building == building, c.floor == floor, c.unit == unit)
                               .values(place_key=key))
