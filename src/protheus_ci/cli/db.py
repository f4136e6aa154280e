"""``protheus-ci db upgrade``: apply the database migrations."""

from __future__ import annotations

import click

from protheus_ci.cli.admin import reported_errors
from protheus_ci.config import Settings
from protheus_ci.db.engine import database_for
from protheus_ci.db.migrate import upgrade


@click.group("db")
def db_command() -> None:
    """Database maintenance / manutenção do banco de dados."""


@db_command.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def upgrade_command(revision: str) -> None:
    """Apply migrations up to REVISION."""
    with reported_errors():
        settings = Settings.load()
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        database = database_for(settings)
        upgrade(database.engine, revision)
    click.echo(f"database at {revision} / banco de dados atualizado")
