"""``protheus-ci verify``: check a package's digests and signature."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from protheus_ci.artifacts import ArtifactError, trusted_keys, verify_package
from protheus_ci.config import Settings


@click.command("verify")
@click.argument("artifact", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def verify_command(artifact: Path) -> None:
    """Verify ARTIFACT; exit 1 if it is corrupted, unsigned or signed by an unknown key."""
    try:
        verified = verify_package(artifact, trusted_keys(Settings.load().data_dir))
    except ArtifactError as exc:
        click.echo(f"{artifact}: {exc}", err=True)
        sys.exit(1)
    manifest = verified.manifest
    click.echo(f"{artifact}: OK sha256:{verified.digest}")
    click.echo(f"  {manifest['repository']} @ {manifest['commit']} build {manifest['buildNumber']}")
    click.echo(f"  signed by {verified.keyid}")
