"""``protheus-ci rollback``: put an environment back on an earlier release."""

from __future__ import annotations

import sys

import click

from protheus_ci.config import Settings
from protheus_ci.environments import EnvironmentStore, PublishError, rollback


@click.command("rollback")
@click.option("--env", "env_name", required=True, help="Environment to roll back.")
@click.option("--to", "to", default=None, help="Release id or digest prefix (default: the previous one).")
@click.option("--tenant", envvar="PROTHEUS_CI_TENANT", default="default", show_default=True)
@click.option("--run", "run_id", default="", help="Pipeline run or ticket that asked for it (history).")
def rollback_command(env_name: str, to: str | None, tenant: str, run_id: str) -> None:
    """Roll --env back to the previous release, or to --to."""
    try:
        release = rollback(EnvironmentStore(Settings.load().data_dir, tenant, env_name), to, run_id)
    except PublishError as exc:
        click.echo(f"rollback refused: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{env_name}: now on release {release.id} (sha256:{release.digest})")
