"""``protheus-ci token create | list | revoke``: API tokens, each for one tenant and one
role, shown once at creation and never again."""

from __future__ import annotations

import click

from protheus_ci.cli.admin import admin_session
from protheus_ci.tenants import tokens
from protheus_ci.tenants.roles import Role
from protheus_ci.tenants.service import create_token, list_tokens, revoke_token


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


@token_command.command("list")
@click.argument("tenant")
def list_command(tenant: str) -> None:
    """List TENANT's tokens: id, role, user, the token's public prefix, when created and revoked."""
    with admin_session() as (_settings, session):
        rows = list_tokens(session, tenant)
        for row, login in rows:
            revoked = f"revoked {row.revoked_at:%Y-%m-%d %H:%M}" if row.revoked_at else "active"
            created = f"{row.created_at:%Y-%m-%d %H:%M}"
            fields = (str(row.id), row.role, login or "-", tokens.shown_prefix(row.lookup), created, revoked)
            click.echo("\t".join((*fields, row.description)))


@token_command.command("revoke")
@click.argument("tenant")
@click.argument("token_id", type=int)
def revoke_command(tenant: str, token_id: int) -> None:
    """Revoke token TOKEN_ID of TENANT (see ``token list``): it authenticates nothing any more."""
    with admin_session() as (_settings, session):
        row = revoke_token(session, tenant, token_id)
        click.echo(
            f"token {row.id} ({tokens.shown_prefix(row.lookup)}) revoked at {row.revoked_at:%Y-%m-%d %H:%M:%S} / revogado"
        )
