"""``protheus-ci token create``: an API token for one tenant and one role, shown once."""

from __future__ import annotations

import click

from protheus_ci.cli.admin import admin_session
from protheus_ci.tenants.roles import Role
from protheus_ci.tenants.service import create_token


@click.group("token")
def token_command() -> None:
    """API tokens / tokens de API."""


@token_command.command("create")
@click.argument("tenant")
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--user", default="", help="Login of the tenant user the token belongs to.")
@click.option("--description", default="")
def create_command(tenant: str, role: str, user: str, description: str) -> None:
    """Create a token for TENANT and print it; it is stored only as a digest."""
    with admin_session() as (_settings, session):
        _row, token = create_token(session, tenant, Role(role), user, description)
    click.echo(token)
    click.echo("store it now: it is not shown again / guarde agora: não será exibido de novo", err=True)
