"""batch incidents

An incident gathers the cases of one problem reported by several callers (the batch check): its
place and category, who opened it, and its one resolution. A case names its incident in a nullable
`cases.incident_id` (at most one incident a case, by the column itself).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 01:45:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

from deskapp.models.types import UTCDateTime

revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        'incidents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('opened_at', UTCDateTime(), nullable=False),
        sa.Column('opened_by_id', sa.Integer(), nullable=False),
        sa.Column('place_key', _TEXT(length=120), nullable=False),
        sa.Column('building', _TEXT(length=80), nullable=False),
        sa.Column('floor', _TEXT(length=20), nullable=False),
        sa.Column('category', _TEXT(length=80), nullable=False),
        sa.Column('resolved_at', UTCDateTime(), nullable=True),
        sa.Column('resolved_by_id', sa.Integer(), nullable=True),
        sa.Column('resolution', _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(['opened_by_id'], ['staff.id'], name='fk_incidents_opened_by_id_staff'),
        sa.ForeignKeyConstraint(['resolved_by_id'], ['staff.id'], name='fk_incidents_resolved_by_id_staff'),
        sa.PrimaryKeyConstraint('id', name='pk_incidents'),
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_opened_at', ['opened_at'], unique=False)
    if op.get_bind().dialect.name == 'sqlite':
        # Not batch mode: on SQLite a batch rebuilds the table (DROP TABLE), which the foreign keys
        # that point at cases refuse. SQLite adds a nullable column with its named reference in place.
        op.execute('ALTER TABLE cases ADD COLUMN incident_id INTEGER '
                   'CONSTRAINT fk_cases_incident_id_incidents REFERENCES incidents (id)')
    else:
        op.add_column('cases', sa.Column('incident_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_cases_incident_id_incidents', 'cases', 'incidents', ['incident_id'], ['id'])
    op.create_index('ix_cases_incident_id', 'cases', ['incident_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_cases_incident_id', table_name='cases')
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE cases DROP COLUMN incident_id')  # SQLite 3.35 and later
    else:
        op.drop_constraint('fk_cases_incident_id_incidents', 'cases', type_='foreignkey')
        op.drop_column('cases', 'incident_id')
    op.drop_table('incidents')
