"""``protheus-ci env``: create, list, promote and show the history of environments."""

from __future__ import annotations

import json
import sys

import click

from protheus_ci.artifacts import ArtifactError, trusted_keys
from protheus_ci.config import Settings
from protheus_ci.environments import (
    EnvironmentKind,
    EnvironmentStore,
    PublishError,
    TargetType,
    create_environment,
    list_environments,
    promote,
)
from protheus_ci.environments.appserver import apply_to_appserver

_TENANT = click.option("--tenant", envvar="PROTHEUS_CI_TENANT", default="default", show_default=True)


@click.group("env")
def env_command() -> None:
    """Environments / ambientes (development, test, homologation, production)."""


@env_command.command("create")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.value for k in EnvironmentKind]), required=True)
@click.option("--from", "clone_from", default=None, help="Start from this environment's current release.")
@click.option(
    "--target", type=click.Choice([t.value for t in TargetType]), default="builtin", show_default=True
)
@click.option("--server", default="", help="AppServer host (appserver targets).")
@click.option("--port", default="", help="AppServer port (appserver targets).")
@click.option("--environment", "appserver_env", default="", help="AppServer environment (appserver targets).")
@_TENANT
def create_command(
    name: str,
    kind: str,
    clone_from: str | None,
    target: str,
    server: str,
    port: str,
    appserver_env: str,
    tenant: str,
) -> None:
    """Create the environment NAME."""
    data = Settings.load().data_dir
    appserver = (
        {"server": server, "port": port, "environment": appserver_env} if target == "appserver" else {}
    )
    try:
        store = create_environment(
            data,
            tenant,
            name,
            EnvironmentKind(kind),
            TargetType(target),
            appserver,
            clone_from,
            trusted_keys(data),
        )
    except (ArtifactError, PublishError) as exc:
        click.echo(f"env create refused: {exc}", err=True)
        sys.exit(1)
    current = store.current()
    click.echo(f"{name}: created ({kind})" + (f" on release {current.id}" if current else ""))


@env_command.command("list")
@_TENANT
def list_command(tenant: str) -> None:
    """List the tenant's environments and their current release."""
    data = Settings.load().data_dir
    for environment in list_environments(data, tenant):
        current = EnvironmentStore(data, tenant, environment.name).current()
        click.echo(f"{environment.name}\t{environment.kind}\t{current.id if current else '-'}")


@env_command.command("history")
@click.argument("name")
@_TENANT
def history_command(name: str, tenant: str) -> None:
    """Print NAME's release history, one JSON object a line."""
    try:
        history = EnvironmentStore(Settings.load().data_dir, tenant, name).history()
    except PublishError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for entry in history:
        click.echo(json.dumps(entry, sort_keys=True))


@env_command.command("promote")
@click.argument("source")
@click.argument("target")
@click.option("--run", "run_id", default="", help="Pipeline run or approval that asked for it (history).")
@_TENANT
def promote_command(source: str, target: str, run_id: str, tenant: str) -> None:
    """Move SOURCE's current artifact, unchanged, to TARGET (e.g. homologation -> production)."""
    data = Settings.load().data_dir
    try:
        outcome = promote(
            EnvironmentStore(data, tenant, source),
            EnvironmentStore(data, tenant, target),
            trusted_keys(data),
            run_id,
            apply_to_appserver,
        )
    except (ArtifactError, PublishError) as exc:
        click.echo(f"promote refused: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{target}: release {outcome.release.id} (sha256:{outcome.release.digest}) from {source}")
