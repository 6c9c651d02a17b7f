"""cases.converted_at: when an inquiry, repair or assistance became a complaint

A case the customer is still unhappy with is made a complaint (`deskapp convert`), keeping its
number and its history. The complaint's clocks start at the conversion, not at the first call:
`converted_at` is that moment, NULL for every case that was recorded as what it is.

Revision ID: 0012
Revises: 0013
Create Date: 2026-12-01 19:40:00
"""
import sqlalchemy as sa
from alembic import op

from deskapp.models.types import UTCDateTime

revision = '0012'
down_revision = '0013'  # merged after 0010, 0013r and 0013; written against 0008
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('converted_at', UTCDateTime(), nullable=True))


def downgrade() -> None:
    # Not batch mode: on SQLite that copies the table, and dropping the old one breaks the foreign
    # keys of every row that points to a case. SQLite (3.35 and later) and PostgreSQL both drop a column.
    op.execute('ALTER TABLE cases DROP COLUMN converted_at')
