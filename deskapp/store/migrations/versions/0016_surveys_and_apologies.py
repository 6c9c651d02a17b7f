"""notices after the event and general apologies; satisfaction survey rounds

A notice gains its kind (planned, after_the_event, apology) and the apology and explanation the
manuals ask for (QP7.3 4.3.3, 4.3.4). Survey rounds keep each tenant company's head count and its
questionnaires sent, returned and their satisfaction, with the round's own history.

Revision ID: 0016
Revises: 0011
Create Date: 2026-12-01 22:40:00
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

from deskapp.models.types import UTCDateTime

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', _TEXT(length=20), nullable=False, server_default='planned'))
        batch_op.add_column(sa.Column('apology', _TEXT(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('explanation', _TEXT(), nullable=False, server_default=''))
    op.create_table(
        'survey_rounds',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', _TEXT(length=80), nullable=False),
        sa.Column('started_at', UTCDateTime(), nullable=False),
        sa.Column('started_by_id', sa.Integer(), nullable=False),
        sa.Column('closed_at', UTCDateTime(), nullable=True),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['closed_by_id'], ['staff.id'], name='fk_survey_rounds_closed_by_id_staff'),
        sa.ForeignKeyConstraint(['started_by_id'], ['staff.id'], name='fk_survey_rounds_started_by_id_staff'),
        sa.PrimaryKeyConstraint('id', name='pk_survey_rounds'),
    )
    with op.batch_alter_table('survey_rounds', schema=None) as batch_op:
        batch_op.create_index('ix_survey_rounds_started_at', ['started_at'], unique=False)
    op.create_table(
        'survey_lines',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('company', _TEXT(length=120), nullable=False),
        sa.Column('company_key', _TEXT(length=120), nullable=False),
        sa.Column('staff', sa.Integer(), nullable=False),
        sa.Column('sent', sa.Integer(), nullable=False),
        sa.Column('returned', sa.Integer(), nullable=False),
        sa.Column('satisfied', sa.Integer(), nullable=False),
        sa.Column('partly', sa.Integer(), nullable=False),
        sa.Column('unsatisfied', sa.Integer(), nullable=False),
        sa.Column('recorded_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['survey_rounds.id'], name='fk_survey_lines_round_id_survey_rounds'),
        sa.PrimaryKeyConstraint('id', name='pk_survey_lines'),
        sa.UniqueConstraint('round_id', 'company_key', name='uq_survey_lines_round_id'),
    )
    with op.batch_alter_table('survey_lines', schema=None) as batch_op:
        batch_op.create_index('ix_survey_lines_round_id', ['round_id'], unique=False)
    op.create_table(
        'survey_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('at', UTCDateTime(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=False),
        sa.Column('action', _TEXT(length=40), nullable=False),
        sa.Column('details', _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['staff.id'], name='fk_survey_events_actor_id_staff'),
        sa.ForeignKeyConstraint(['round_id'], ['survey_rounds.id'], name='fk_survey_events_round_id_survey_rounds'),
        sa.PrimaryKeyConstraint('id', name='pk_survey_events'),
    )
    with op.batch_alter_table('survey_events', schema=None) as batch_op:
        batch_op.create_index('ix_survey_events_round_id', ['round_id'], unique=False)


def downgrade() -> None:
    op.drop_table('survey_events')
    op.drop_table('survey_lines')
    op.drop_table('survey_rounds')
    for column in ('explanation', 'apology', 'kind'):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE notices DROP COLUMN {column}')  # SQLite 3.35 and later
        else:
            op.drop_column('notices', column)
