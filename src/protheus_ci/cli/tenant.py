"""``protheus-ci tenant add``: register a customer."""

from __future__ import annotations

import click

from protheus_ci.cli.admin import admin_session
from protheus_ci.tenants.service import add_tenant


@click.group("tenant")
def tenant_command() -> None:
    """Tenants (customers) / clientes."""


@tenant_command.command("add")
@click.argument("slug")
@click.option("--name", default="", help="Display name.")
def add_command(slug: str, name: str) -> None:
    """Add the tenant SLUG."""
    with admin_session() as (_settings, session):
        add_tenant(session, slug, name)
    click.echo(f"tenant {slug} added / tenant adicionado")
