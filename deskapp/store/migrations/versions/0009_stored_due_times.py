"""stored due times: case_clocks, one row per clock of a case, filled for every existing case

The cases get the facts of three new clocks' rules: `urgent`, `outside_party` (with when it was
recorded) and `contacted_at`.

A due time used to be worked out afresh from data/policy.toml and calendar.toml at every read, so
an edited policy or a new holidays release rewrote last month's deadlines. Each clock is now stored
when it starts, with the versions of the rules it was computed under. This migration fills the
table for the cases already recorded, under the rules in force when it runs (the same due times
the desk showed the moment before), so nothing shown or reported changes.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 20:00:00
"""
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

from deskapp.models.types import UTCDateTime

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_FACTS = ("kind", "severity", "received_at", "requested_by", "promised_by", "forwarded_at", "escalated_at",
          "arrived_at", "validity", "validity_at", "resolved_at", "reopened_at", "callback_at", "explained_at",
          "analysed_at", "appointment_at")
_TEXT = ("kind", "severity", "validity", "status")
_cases = sa.table('cases', sa.column('id', sa.Integer), sa.column('status', sa.String),
                  *(sa.column(n, sa.String if n in _TEXT else UTCDateTime()) for n in _FACTS))
_pauses = sa.table('pauses', sa.column('case_id', sa.Integer), sa.column('started_at', UTCDateTime()),
                   sa.column('ended_at', UTCDateTime()))
_BATCH = 2000


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: a batch copy of `cases` would have to drop the table every
    # other table refers to.
    op.add_column('cases', sa.Column('urgent', sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column('cases', sa.Column('outside_party', sa.String(), server_default='', nullable=False))
    op.add_column('cases', sa.Column('outside_party_at', UTCDateTime(), nullable=True))
    op.add_column('cases', sa.Column('contacted_at', UTCDateTime(), nullable=True))
    clocks = op.create_table(
        'case_clocks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.Enum('forward', 'escalate', 'resolve', 'arrive', 'callback', 'explain', 'analyse',
                                  'answer', 'contact', name='clockname', native_enum=False, create_constraint=False,
                                  length=16), nullable=False),
        sa.Column('started_at', UTCDateTime(), nullable=False),
        sa.Column('due_at', UTCDateTime(), nullable=False),
        sa.Column('counting', sa.Enum('wall', 'working', name='counting', native_enum=False,
                                      create_constraint=False, length=15), nullable=False),
        sa.Column('allowance_us', sa.BigInteger(), nullable=False),
        sa.Column('waited_us', sa.BigInteger(), nullable=False),
        sa.Column('basis', sa.String(length=16), nullable=False),
        sa.Column('pausable', sa.Boolean(), nullable=False),
        sa.Column('met_at', UTCDateTime(), nullable=True),
        sa.Column('policy_version', sa.String(length=16), nullable=False),
        sa.Column('calendar_version', sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_clocks_case_id_cases')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_clocks')),
        sa.UniqueConstraint('case_id', 'name', name='uq_case_clocks_case_name'),
    )
    op.create_index('ix_case_clocks_open_due', 'case_clocks', ['met_at', 'due_at'], unique=False)
    op.create_index('ix_case_clocks_due_at', 'case_clocks', ['due_at'], unique=False)
    _fill(op.get_bind(), clocks)


def downgrade() -> None:
    op.drop_index('ix_case_clocks_due_at', table_name='case_clocks')
    op.drop_index('ix_case_clocks_open_due', table_name='case_clocks')
    op.drop_table('case_clocks')
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35 and later, PostgreSQL), not a batch copy of `cases`.
    for column in ('contacted_at', 'outside_party_at', 'outside_party', 'urgent'):
        op.execute(f'ALTER TABLE cases DROP COLUMN {column}')


def _fill(connection, clocks) -> None:
    """Every case's started clocks as today's rules give them, a batch of cases at a time."""
    from deskapp.config.datafiles import load_calendar, load_policy
    from deskapp.domain.clocks import CaseFacts, _met
    from deskapp.domain.clocks_stored import plan_clocks, rules_versions
    from deskapp.domain.enums import Kind, Severity, Validity

    policy, calendar = load_policy(), load_calendar()
    versions = rules_versions(policy, calendar)
    # Only to cut finished waits at the present; every stored time is a recorded one.
    now = datetime.now(UTC)
    last = 0
    while True:
        rows = connection.execute(sa.select(_cases).where(_cases.c.id > last, _cases.c.status != 'void')
                                  .order_by(_cases.c.id).limit(_BATCH)).all()
        if not rows:
            return
        last = rows[-1].id
        waits: dict[int, list] = {}
        for case_id, started, ended in connection.execute(
                sa.select(_pauses).where(_pauses.c.case_id.in_([r.id for r in rows]))):
            waits.setdefault(case_id, []).append((started, ended))
        made = []
        for row in rows:
            facts = CaseFacts(**{n: getattr(row, n) for n in _FACTS if n not in _TEXT},
                              kind=Kind(row.kind), severity=Severity(row.severity) if row.severity else None,
                              validity=Validity(row.validity), pauses=tuple(sorted(waits.get(row.id, []))))
            for plan in plan_clocks(facts, policy, calendar, now).values():
                met = _met(plan.name, facts)
                made.append({
                    'case_id': row.id, 'name': plan.name.value, 'started_at': plan.start, 'due_at': plan.due,
                    'counting': plan.counting.value, 'allowance_us': plan.allowance // timedelta(microseconds=1),
                    'waited_us': plan.waited // timedelta(microseconds=1), 'basis': plan.basis.value,
                    'pausable': plan.pausable, 'met_at': met if met is not None and met >= plan.start else None,
                    'policy_version': versions[0], 'calendar_version': versions[1],
                })
        if made:
            connection.execute(clocks.insert(), made)
