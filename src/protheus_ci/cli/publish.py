"""``protheus-ci publish``: install a verified package as an environment's current release."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from protheus_ci.artifacts import ArtifactError, trusted_keys
from protheus_ci.config import Settings
from protheus_ci.environments import EnvironmentStore, PublishError, publish
from protheus_ci.environments.appserver import apply_to_appserver


@click.command("publish")
@click.argument("artifact", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--env", "env_name", required=True, help="Target environment.")
@click.option("--tenant", envvar="PROTHEUS_CI_TENANT", default="default", show_default=True)
@click.option("--run", "run_id", default="", help="Pipeline run that asked for it (history).")
def publish_command(artifact: Path, env_name: str, tenant: str, run_id: str) -> None:
    """Publish ARTIFACT to --env (a no-op if it is already the current release)."""
    data = Settings.load().data_dir
    try:
        store = EnvironmentStore(data, tenant, env_name)
        outcome = publish(store, artifact, trusted_keys(data), run_id, apply_to_appserver)
    except (ArtifactError, PublishError) as exc:
        click.echo(f"publish refused: {exc}", err=True)
        sys.exit(1)
    state = "published" if outcome.changed else "already current"
    click.echo(f"{env_name}: {state} release {outcome.release.id} (sha256:{outcome.release.digest})")
