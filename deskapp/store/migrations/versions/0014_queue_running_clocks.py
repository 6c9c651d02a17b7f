"""the queue's index: each case's running clocks by due time

The queue orders the open cases on the stored due of their next running (unmet) clock, in SQL. A
partial index on (case_id, due_at) of the clocks not yet met finds that clock in one seek per case,
and stays small: most clocks of a long history are met.

Revision ID: 0014
Revises: 0015
Create Date: 2026-12-01 22:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_case_clocks_running', 'case_clocks', ['case_id', 'due_at'], unique=False,
                    sqlite_where=sa.text('met_at IS NULL'), postgresql_where=sa.text('met_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_case_clocks_running', table_name='case_clocks')
