"""the call log and the phone system's tokens

Revision ID: 0013
Revises: 0013r
Create Date: 2026-12-01 19:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0013r'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.String(length=250), nullable=False),
    sa.Column('direction', sa.String(length=11), nullable=False),
    sa.Column('from_number', sa.String(length=40), nullable=False),
    sa.Column('to_number', sa.String(length=40), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('users', sa.String(), nullable=False),
    sa.Column('queue', sa.String(length=100), nullable=False),
    sa.Column('answering_number', sa.String(length=100), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('ring_at', sa.DateTime(), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('hung_up_at', sa.DateTime(), nullable=True),
    sa.Column('cause', sa.String(length=22), nullable=True),
    sa.Column('outcome', sa.String(length=17), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('callback_due_at', sa.DateTime(), nullable=True),
    sa.Column('callback_done_at', sa.DateTime(), nullable=True),
    sa.Column('callback_done_by', sa.Integer(), nullable=True),
    sa.Column('missed_again', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['callback_done_by'], ['calls.id'], name=op.f('fk_calls_callback_done_by_calls')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_calls_case_id_cases')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], name=op.f('fk_calls_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calls')),
    sa.UniqueConstraint('call_id', name=op.f('uq_calls_call_id'))
    )
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calls_callback_due_at'), ['callback_due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_changed_at'), ['changed_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_ring_at'), ['ring_at'], unique=False)

    op.create_table('phone_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phone_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_phone_tokens_token_hash'))
    )


def downgrade() -> None:
    op.drop_table('phone_tokens')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calls_ring_at'))
        batch_op.drop_index(batch_op.f('ix_calls_number'))
        batch_op.drop_index(batch_op.f('ix_calls_changed_at'))
        batch_op.drop_index(batch_op.f('ix_calls_case_id'))
        batch_op.drop_index(batch_op.f('ix_calls_callback_due_at'))

    op.drop_table('calls')
