"""a partial index on the queued runs, for the periodic look for runs the queue lost

A run is committed before it is enqueued; if its process dies, or the queue is down,
in between, the run stays queued with no message to start it. The worker's periodic
check enqueues such runs again; this index holds only queued runs, so the check does
not scan the whole table.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_QUEUED = sa.text("state = 'queued'")


def upgrade() -> None:
    op.create_index("ix_runs_queued_created", "runs", ["created_at"], sqlite_where=_QUEUED, postgresql_where=_QUEUED)


def downgrade() -> None:
    op.drop_index("ix_runs_queued_created", table_name="runs")
