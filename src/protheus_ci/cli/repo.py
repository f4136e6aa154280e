"""``protheus-ci repo add``: a hosted repository, or a mirror of one on a forge."""

from __future__ import annotations

import os
import secrets

import click

from protheus_ci.cli.admin import AdminError, admin_session
from protheus_ci.gitstore.bare import ensure_bare, repository_path
from protheus_ci.tenants.service import FORGES, add_repository


@click.group("repo")
def repo_command() -> None:
    """Tenant repositories / repositórios."""


@repo_command.command("add")
@click.argument("tenant")
@click.argument("name")
@click.option("--forge", type=click.Choice(FORGES), default="hosted", show_default=True)
@click.option("--remote-url", default="", help="Clone URL of a mirrored repository.")
@click.option("--webhook-secret", default="", help="Shared webhook secret; generated when omitted.")
@click.option("--remote-username", default="", help="User for fetching and commit statuses.")
@click.option(
    "--remote-password-env",
    default="",
    metavar="VARIABLE",
    help="Name of the environment variable holding the token, so it never appears in argv.",
)
@click.option("--forge-api-url", default="", help="API base URL (self-hosted forges).")
@click.option("--forge-project", default="", help="owner/name, project id or org/project/repo.")
def add_command(
    tenant: str,
    name: str,
    forge: str,
    remote_url: str,
    webhook_secret: str,
    remote_username: str,
    remote_password_env: str,
    forge_api_url: str,
    forge_project: str,
) -> None:
    """Add the repository NAME to TENANT."""
    mirrored = forge != "hosted"
    if mirrored and not remote_url:
        raise AdminError("a mirrored repository needs --remote-url / informe --remote-url")
    password = os.environ.get(remote_password_env, "") if remote_password_env else ""
    if remote_password_env and not password:
        raise AdminError(f"environment variable {remote_password_env} is empty / variável vazia")
    secret = webhook_secret or (secrets.token_urlsafe(32) if mirrored else "")
    with admin_session() as (settings, session):
        add_repository(
            session,
            tenant,
            name,
            forge,
            remote_url=remote_url,
            webhook_secret=secret,
            remote_username=remote_username,
            remote_password=password,
            forge_api_url=forge_api_url,
            forge_project=forge_project,
        )
        ensure_bare(settings.git_binary, repository_path(settings.repositories_dir, tenant, name))
    click.echo(f"repository {tenant}/{name} added / repositório adicionado")
    if mirrored:
        click.echo(f"webhook URL: /webhooks/{tenant}/{name}")
        if not webhook_secret:
            click.echo(f"webhook secret (shown once / exibido uma vez): {secret}")
    else:
        click.echo(f"push to: /git/{tenant}/{name}.git")
