"""The Alembic migrations build exactly the schema the models describe, on SQLite and on
PostgreSQL, and each one can be undone and done again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from protheus_ci.db.migrate import downgrade, upgrade
from protheus_ci.db.models import Base
from protheus_ci.web.services import Services


def _differences(svc: Services) -> list[object]:
    with svc.database.engine.connect() as connection:
        differences: list[object] = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    return differences


def test_the_migrated_schema_is_the_models_schema(svc: Services) -> None:
    assert _differences(svc) == []


def test_the_run_indexes_are_only_those_a_query_needs(svc: Services) -> None:
    indexes = {index["name"]: index for index in inspect(svc.database.engine).get_indexes("runs")}
    assert set(indexes) == {
        "ix_runs_repository_id",
        "ix_runs_repository_ref_state",
        "ix_runs_running_lease",
        "ix_runs_queued_created",
    }


def test_each_migration_goes_down_and_up_again(svc: Services) -> None:
    downgrade(svc.database.engine, "base")
    assert "runs" not in inspect(svc.database.engine).get_table_names()
    upgrade(svc.database.engine)
    assert _differences(svc) == []
