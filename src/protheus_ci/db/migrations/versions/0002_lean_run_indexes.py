"""fewer indexes on the tables every webhook delivery writes

Each index is more b-tree pages to update, and with SQLite shared by several processes,
to read again, in every delivery's transaction. Dropped: ``stages (run_id)`` and
``deliveries (repository_id)``, prefixes of unique constraints that serve the same
look-ups; ``runs (tenant_id)``, which no query uses; ``runs (state)``, replaced by a
partial index on the lease expiry of running runs, the one query that needs it (the
lease reaper), which a new queued run does not touch.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_RUNNING = sa.text("state = 'running'")


def upgrade() -> None:
    op.drop_index("ix_stages_run_id", table_name="stages")
    op.drop_index("ix_deliveries_repository_id", table_name="deliveries")
    op.drop_index("ix_runs_tenant_id", table_name="runs")
    op.drop_index("ix_runs_state", table_name="runs")
    op.create_index(
        "ix_runs_running_lease",
        "runs",
        ["lease_expires_at"],
        sqlite_where=_RUNNING,
        postgresql_where=_RUNNING,
    )


def downgrade() -> None:
    op.drop_index("ix_runs_running_lease", table_name="runs")
    op.create_index("ix_runs_state", "runs", ["state"])
    op.create_index("ix_runs_tenant_id", "runs", ["tenant_id"])
    op.create_index("ix_deliveries_repository_id", "deliveries", ["repository_id"])
    op.create_index("ix_stages_run_id", "stages", ["run_id"])
