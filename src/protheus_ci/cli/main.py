"""The ``protheus-ci`` command group.

Each command lives in its own module and is registered here, one line each, so a
newcomer can read the whole command surface in one place. Exit codes follow ruff:
0 clean, 1 findings or failures, 2 usage or configuration errors.
"""

import click

from protheus_ci import __version__
from protheus_ci.cli.parse import parse_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="protheus-ci")
def cli() -> None:
    """protheus-ci: CI and code quality for TOTVS Protheus ADVPL/TLPP customizations."""


cli.add_command(parse_command)


def main() -> None:
    cli(prog_name="protheus-ci")
