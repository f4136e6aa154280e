"""Shared by the admin commands: open the configured database in one transaction and
turn our domain errors into exit code 2 with the message."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy.orm import Session

from protheus_ci.config import ConfigError, Settings
from protheus_ci.db.migrate import open_database
from protheus_ci.db.sealed import SecretsKeyError
from protheus_ci.tenants.service import TenantError


class AdminError(click.ClickException):
    exit_code = 2


@contextmanager
def admin_session() -> Iterator[tuple[Settings, Session]]:
    try:
        settings = Settings.load()
        database = open_database(settings)
        with database.sessions.begin() as session:
            yield settings, session
    except (TenantError, ConfigError, SecretsKeyError) as exc:
        raise AdminError(str(exc)) from exc
