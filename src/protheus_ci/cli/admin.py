"""Shared by the admin and service commands: open the configured database, and turn
our domain and settings errors into exit code 2 with the message."""

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
def reported_errors() -> Iterator[None]:
    """Bad settings, keys or names end the command with their message and exit code 2,
    not a traceback."""
    try:
        yield
    except (TenantError, ConfigError, SecretsKeyError) as exc:
        raise AdminError(str(exc)) from exc


@contextmanager
def admin_session() -> Iterator[tuple[Settings, Session]]:
    with reported_errors():
        settings = Settings.load()
        database = open_database(settings)
        with database.sessions.begin() as session:
            yield settings, session


def checked_settings() -> Settings:
    """The environment's settings, checked by opening their database (and migrating it
    when ``migrate_on_start`` is set) before a long-running command starts."""
    with reported_errors():
        settings = Settings.load()
        open_database(settings).dispose()
    return settings
