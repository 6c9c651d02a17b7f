"""drafts and notices; cases looked up by place

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('saved_at', sa.DateTime(), nullable=False),
    sa.Column('fields', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['operator_id'], ['staff.id'], name=op.f('fk_drafts_operator_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts'))
    )
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drafts_operator_id'), ['operator_id'], unique=True)

    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('details', sa.String(), nullable=False),
    sa.Column('building', sa.String(length=80), nullable=False),
    sa.Column('floors', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['staff.id'], name=op.f('fk_notices_created_by_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_building'), ['building'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_ends_at'), ['ends_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notices_starts_at'), ['starts_at'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_place', ['building', 'floor', 'unit'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_place')

    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_starts_at'))
        batch_op.drop_index(batch_op.f('ix_notices_ends_at'))
        batch_op.drop_index(batch_op.f('ix_notices_building'))

    op.drop_table('notices')
    with op.batch_alter_table('drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drafts_operator_id'))

    op.drop_table('drafts')
