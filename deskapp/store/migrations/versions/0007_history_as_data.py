"""history as data, numbered per case: details, seq and unique (case_id, seq)

An event now keeps what happened as data (the fields changed, a `details` JSON of the facts that
are not fields, the note as typed) and is worded when shown, in the reader's language. Events
written before keep `details` NULL: their note is the sentence the desk composed then, shown as
it was written, and their hash is checked the way it was made.

`seq` numbers each case's events 1, 2, 3 … in chain order (the order they were appended, which is
id order), and (case_id, seq) is unique: two desks appending to one case from the same tail can
no longer both commit, so a chain cannot fork.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 17:20:00
"""
import hashlib
import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from deskapp.models.types import UTCDateTime

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

# Chain order is append order: each event's prev_hash was read from the case's highest id.
_NUMBER = """
UPDATE history SET seq = numbered.n
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY id) AS n FROM history) AS numbered
WHERE numbered.id = history.id
"""


def upgrade() -> None:
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('details', sa.String(), nullable=True))
    op.execute(_NUMBER)
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint('uq_history_case_seq', ['case_id', 'seq'])


def downgrade() -> None:
    # Events written as data go back to the old shape: their wording (in English, the stored
    # identifiers' language) becomes the note, and each changed chain is hashed again the old way
    # from its first such event on, so that the older code's check still passes.
    _fold_into_notes(op.get_bind())
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_constraint('uq_history_case_seq', type_='unique')
        batch_op.drop_column('details')
        batch_op.drop_column('seq')


_history = sa.table(
    'history', sa.column('id', sa.Integer), sa.column('case_id', sa.Integer), sa.column('seq', sa.Integer),
    sa.column('at', UTCDateTime()), sa.column('recorded_at', UTCDateTime()), sa.column('actor_id', sa.Integer),
    sa.column('action', sa.String), sa.column('changes', sa.String), sa.column('details', sa.String),
    sa.column('note', sa.String), sa.column('prev_hash', sa.String), sa.column('hash', sa.String),
)


def _fold_into_notes(connection) -> None:
    from deskapp.i18n import ENGLISH, use_language
    from deskapp.words.history import sentence

    tz = datetime.now().astimezone().tzinfo  # the machine's zone, which the desk's calendar takes too
    cases = connection.execute(sa.select(_history.c.case_id).where(_history.c.details.is_not(None)).distinct())
    with use_language(ENGLISH):
        for (case_id,) in cases.all():
            events = connection.execute(
                sa.select(_history).where(_history.c.case_id == case_id).order_by(_history.c.seq)).all()
            prev, rewriting = "", False
            for e in events:
                note = e.note
                if e.details is not None:
                    rewriting = True
                    note = sentence(_Line(e.action, json.loads(e.changes), json.loads(e.details), e.note), tz)
                if rewriting:
                    connection.execute(sa.update(_history).where(_history.c.id == e.id).values(
                        note=note, prev_hash=prev, hash=_old_hash(e, note, prev)))
                prev = _old_hash(e, note, prev) if rewriting else e.hash


class _Line:
    def __init__(self, action, changes, details, note):
        self.action, self.changes, self.details, self.note = action, changes, details, note


def _old_hash(e, note: str, prev: str) -> str:
    """The chain hash as schema 0006's desk made it (no seq, no details)."""
    def iso(t):
        return t.astimezone(UTC).isoformat()
    content = [e.case_id, iso(e.at), iso(e.recorded_at), e.actor_id, e.action, e.changes, note, prev]
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()
