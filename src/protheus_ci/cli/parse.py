"""`protheus-ci parse PATH... [--format text|json]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from protheus_ci.analyzers.parse_run import run_parse


@click.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def parse_command(paths: tuple[Path, ...], output_format: str) -> None:
    """Parse ADVPL/TLPP files and folders and report syntax errors.

    Exit status: 0 when every file parses, 1 when some file has errors or
    cannot be read, 2 for bad usage.
    """
    run = run_parse(paths)
    if output_format == "json":
        click.echo(run.to_json())
    else:
        for line in run.text_lines():
            click.echo(line)
    for problem in run.unreadable:
        click.echo(f"protheus-ci: cannot read {problem.path}: {problem.reason}", err=True)
    sys.exit(1 if run.failed else 0)
