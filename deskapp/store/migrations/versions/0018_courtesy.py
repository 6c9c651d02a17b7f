"""the apology and the thanks at intake

A case keeps whether the operator apologised to a complaining caller first (QP7.3 4.2.3 a: 先向顾客道歉)
and thanked the caller at the end (SOP 1.7: 感谢您的来电，再见), as ticked at the read-back. Both are
columns on the case, written by the intake event, so `deskapp check` replays them with every other
field and the month report counts them in SQL. Null on the cases recorded before this schema: not
recorded, which the figures leave out rather than count as not given. A database brought back up to
this schema (an older backup restored, a downgrade undone) takes the values its history recorded, so
that the case and its history agree again.

Revision ID: 0018
Revises: 0017 (chained after the batch incidents)
Create Date: 2026-12-02 01:40:00
"""
import json

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
    _from_history()


def _from_history() -> None:
    """Each case's ticks as its events last set them; none on a desk that never recorded them."""
    bind = op.get_bind()
    told = sa.text("SELECT case_id, changes FROM history WHERE changes LIKE '%\"apologised\"%' "
                   "OR changes LIKE '%\"thanked\"%' ORDER BY id")
    ticks: dict[int, dict[str, bool]] = {}
    for case_id, changes in bind.execute(told):
        try:
            changed = json.loads(changes or "{}")
        except ValueError:
            continue  # `deskapp check` names an event changed by hand
        for column in _COLUMNS:
            pair = changed.get(column)
            if isinstance(pair, list) and len(pair) == 2:
                ticks.setdefault(case_id, {})[column] = pair[1]
    for case_id, values in ticks.items():
        setting = ", ".join(f"{column} = :{column}" for column in values)
        bind.execute(sa.text(f"UPDATE cases SET {setting} WHERE id = :id"), {**values, "id": case_id})


def downgrade() -> None:
    # Plain column drops, not batch mode: on SQLite a batch rebuilds the table (DROP TABLE), which the
    # foreign keys that point at cases refuse.
    for column in reversed(_COLUMNS):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE cases DROP COLUMN {column}')  # SQLite 3.35 and later
        else:
            op.drop_column('cases', column)
