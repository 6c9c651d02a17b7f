"""actions, follow-ups, chases and paid work

`case_actions` keeps the clocks set by hand: the actions of an internal coordination work order
(who, what, by when) and the follow-up dates of corrective actions. A case counts its chases
(`chase_count`) and says whether a repair is paid or free work and the price quoted (`paid`,
`price_cents`).

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-01 22:45:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

from deskapp.models.types import UTCDateTime

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'case_actions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('clock', sa.Enum('forward', 'escalate', 'resolve', 'arrive', 'callback', 'explain', 'analyse',
                                   'answer', 'contact', 'action', 'followup', name='clockname', native_enum=False,
                                   create_constraint=False, length=16), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('what', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('started_at', UTCDateTime(), nullable=False),
        sa.Column('due_at', UTCDateTime(), nullable=False),
        sa.Column('done_at', UTCDateTime(), nullable=True),
        sa.Column('result', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('added_by_id', sa.Integer(), nullable=False),
        sa.Column('done_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name='fk_case_actions_case_id_cases'),
        sa.ForeignKeyConstraint(['added_by_id'], ['staff.id'], name='fk_case_actions_added_by_id_staff'),
        sa.ForeignKeyConstraint(['done_by_id'], ['staff.id'], name='fk_case_actions_done_by_id_staff'),
        sa.PrimaryKeyConstraint('id', name='pk_case_actions'),
        sa.UniqueConstraint('case_id', 'clock', 'number', name='uq_case_actions_case_clock_number'),
    )
    with op.batch_alter_table('case_actions', schema=None) as batch_op:
        batch_op.create_index('ix_case_actions_case_id', ['case_id'], unique=False)
        batch_op.create_index('ix_case_actions_due_at', ['due_at'], unique=False)
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('chase_count', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('paid', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('price_cents', sa.Integer(), nullable=True))


def downgrade() -> None:
    # Plain column drops, not batch mode: on SQLite a batch rebuilds the table (DROP TABLE), which the
    # foreign keys that point at cases refuse.
    for column in ('price_cents', 'paid', 'chase_count'):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE cases DROP COLUMN {column}')  # SQLite 3.35 and later
        else:
            op.drop_column('cases', column)
    op.drop_table('case_actions')
