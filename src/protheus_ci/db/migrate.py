"""Run the Alembic migrations shipped inside the package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from protheus_ci.config import Settings
from protheus_ci.db.engine import Database, database_for

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def upgrade(engine: Engine, revision: str = "head") -> None:
    _run(command.upgrade, engine, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Back to ``revision``; ``base`` is the empty database."""
    _run(command.downgrade, engine, revision)


def _run(step: Callable[[Config, str], None], engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        step(config, revision)


def open_database(settings: Settings) -> Database:
    """The database of these settings, migrated first when ``migrate_on_start`` is set."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = database_for(settings)
    if settings.migrate_on_start:
        upgrade(database.engine)
    return database
