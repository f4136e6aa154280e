"""``protheus-ci secrets reseal``: seal the stored repository credentials again with the
first key of ``secrets_keys`` (after a key rotation, or once after upgrading from a
version that stored them in clear)."""

from __future__ import annotations

import click

from protheus_ci.cli.admin import admin_session
from protheus_ci.tenants.service import reseal_credentials


@click.group("secrets")
def secrets_command() -> None:
    """Stored credentials / credenciais armazenadas."""


@secrets_command.command("reseal")
def reseal_command() -> None:
    """Seal every webhook secret and forge token again with the first key."""
    with admin_session() as (_settings, session):
        count = reseal_credentials(session)
    click.echo(f"{count} repositories resealed / repositórios recifrados")
