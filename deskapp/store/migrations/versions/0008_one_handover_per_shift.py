"""one handover per shift: unique (shift_start, shift_end) on handovers

The desk checked for an earlier handover and then inserted its own; on PostgreSQL two desks
handing over the same shift at the same moment could both pass the check and both commit. The
database now keeps a shift's handover unique, and the second desk is refused in words.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 18:45:00
"""
import sqlalchemy as sa
from alembic import op

from deskapp.models.types import UTCDateTime

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

_handovers = sa.table(
    'handovers', sa.column('id', sa.Integer), sa.column('shift_start', UTCDateTime()),
    sa.column('shift_end', UTCDateTime()), sa.column('notes', sa.String), sa.column('written_at', UTCDateTime()),
    sa.column('incoming_id', sa.Integer), sa.column('acknowledged_at', UTCDateTime()),
)


def upgrade() -> None:
    _keep_the_earliest(op.get_bind())
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_handovers_shift', ['shift_start', 'shift_end'])


def downgrade() -> None:
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.drop_constraint('uq_handovers_shift', type_='unique')


def _keep_the_earliest(connection) -> None:
    """A shift handed over twice keeps its earliest handover, and nothing typed is lost.

    Why this is safe: the desk refused a second handover of a shift whenever it could see the first,
    so a duplicate can only come from two desks writing at the same moment (the PostgreSQL race this
    constraint closes): the same shift, the same summary, written seconds apart. The later ones' notes,
    when they differ, are added to the earliest's notes, and an acknowledgement recorded on a later one
    moves to the earliest if it has none; then the later ones are removed."""
    h = _handovers.c
    twice = connection.execute(sa.select(h.shift_start, h.shift_end).group_by(h.shift_start, h.shift_end)
                               .having(sa.func.count() > 1)).all()
    for start, end in twice:
        first, *later = connection.execute(sa.select(_handovers).where(h.shift_start == start, h.shift_end == end)
                                           .order_by(h.written_at, h.id)).all()
        notes = [first.notes] + [n.notes for n in later if n.notes and n.notes != first.notes]
        acknowledged = first if first.acknowledged_at else next((n for n in later if n.acknowledged_at), first)
        connection.execute(sa.update(_handovers).where(h.id == first.id).values(
            notes="\n\n".join(n for n in notes if n), incoming_id=acknowledged.incoming_id,
            acknowledged_at=acknowledged.acknowledged_at))
        connection.execute(sa.delete(_handovers).where(h.id.in_([n.id for n in later])))
