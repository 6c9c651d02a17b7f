"""the apology and the thanks at intake

A case keeps whether the operator apologised to a complaining caller first (QP7.3 4.2.3 a: 先向顾客道歉)
and thanked the caller at the end (SOP 1.7: 感谢您的来电，再见), as ticked at the read-back. Both are
columns on the case, written by the intake event, so `deskapp check` replays them with every other
field and the month report counts them in SQL. Null on the cases recorded before this schema: not
recorded, which the figures leave out rather than count as not given.

Revision ID: 0018
Revises: 0017 (chained after the batch incidents)
Create Date: 2026-12-02 01:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0018'
down_revision = '0017'  # chained in id order after 0017 (batch incidents), both from 0016
branch_labels = None
depends_on = None

_COLUMNS = ('apologised', 'thanked')


def upgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        for column in _COLUMNS:
            batch_op.add_column(sa.Column(column, sa.Boolean(), nullable=True))


def downgrade() -> None:
    # Plain column drops, not batch mode: on SQLite a batch rebuilds the table (DROP TABLE), which the
    # foreign keys that point at cases refuse.
    for column in reversed(_COLUMNS):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE cases DROP COLUMN {column}')  # SQLite 3.35 and later
        else:
            op.drop_column('cases', column)
