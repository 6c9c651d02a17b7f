"""accountable staff: PIN lockout, the staff list's history, the signed result, the callers present

Staff gain a count of wrong PINs and a lock; `staff_events` keeps who joined, changed role, left,
had a PIN set or was locked. A resolution records the department manager who confirmed it; a
callback attempt the callers who were present and how the customer confirmed; a case the ground
its validity was decided on.

Revision ID: 0011
Revises: 0012
Create Date: 2026-12-01 19:40:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

from deskapp.models.types import UTCDateTime

revision = '0011'
down_revision = '0012'  # asked for '0008'; main already chains 0010, 0013r, 0013 and 0012 after it
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pin_failures', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until', UTCDateTime(), nullable=True))
    op.create_table(
        'staff_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('at', UTCDateTime(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('details', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['staff.id'], name='fk_staff_events_actor_id_staff'),
        sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name='fk_staff_events_staff_id_staff'),
        sa.PrimaryKeyConstraint('id', name='pk_staff_events'),
    )
    with op.batch_alter_table('staff_events', schema=None) as batch_op:
        batch_op.create_index('ix_staff_events_staff_id', ['staff_id'], unique=False)
    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confirmed_at', UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('confirmed_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key('fk_resolutions_confirmed_by_id_staff', 'staff', ['confirmed_by_id'], ['id'])
    with op.batch_alter_table('callback_attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('present', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('confirmed_how', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('validity_ground', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    # Plain column drops, not batch mode: on SQLite a batch rebuilds the table (DROP TABLE), which the
    # foreign keys that point at cases and staff refuse.
    _drop_column('cases', 'validity_ground')
    _drop_column('callback_attempts', 'confirmed_how')
    _drop_column('callback_attempts', 'present')
    with op.batch_alter_table('resolutions', schema=None) as batch_op:  # nothing points at resolutions
        batch_op.drop_constraint('fk_resolutions_confirmed_by_id_staff', type_='foreignkey')
        batch_op.drop_column('confirmed_by_id')
        batch_op.drop_column('confirmed_at')
    op.drop_table('staff_events')
    _drop_column('staff', 'locked_until')
    _drop_column('staff', 'pin_failures')


def _drop_column(table: str, column: str) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')  # SQLite 3.35 and later
    else:
        op.drop_column(table, column)
