"""shift handovers

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 15:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift', sa.String(length=10), nullable=False),
    sa.Column('shift_start', sa.DateTime(), nullable=False),
    sa.Column('shift_end', sa.DateTime(), nullable=False),
    sa.Column('outgoing_id', sa.Integer(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.Column('incoming_id', sa.Integer(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['incoming_id'], ['staff.id'], name=op.f('fk_handovers_incoming_id_staff')),
    sa.ForeignKeyConstraint(['outgoing_id'], ['staff.id'], name=op.f('fk_handovers_outgoing_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handovers'))
    )
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handovers_shift_start'), ['shift_start'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('handovers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handovers_shift_start'))

    op.drop_table('handovers')
