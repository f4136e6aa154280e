"""The ``protheus-ci`` command group.

Each command lives in its own module and is registered here, one line each, so a
newcomer can read the whole command surface in one place. Exit codes follow ruff:
0 clean, 1 findings or failures, 2 usage or configuration errors.
"""

import click

from protheus_ci import __version__
from protheus_ci.cli.check import check_command
from protheus_ci.cli.compile import compile_command
from protheus_ci.cli.db import db_command
from protheus_ci.cli.env import env_command
from protheus_ci.cli.parse import parse_command
from protheus_ci.cli.publish import publish_command
from protheus_ci.cli.repo import repo_command
from protheus_ci.cli.rollback import rollback_command
from protheus_ci.cli.rules import rule_command, rules_command
from protheus_ci.cli.secrets import secrets_command
from protheus_ci.cli.serve import serve_command
from protheus_ci.cli.tenant import tenant_command
from protheus_ci.cli.token import token_command
from protheus_ci.cli.verify import verify_command
from protheus_ci.cli.worker import worker_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="protheus-ci")
def cli() -> None:
    """protheus-ci: CI and code quality for TOTVS Protheus ADVPL/TLPP customizations."""


cli.add_command(parse_command)
cli.add_command(db_command)
cli.add_command(repo_command)
cli.add_command(serve_command)
cli.add_command(tenant_command)
cli.add_command(token_command)
cli.add_command(secrets_command)
cli.add_command(worker_command)
cli.add_command(compile_command)
cli.add_command(verify_command)
cli.add_command(publish_command)
cli.add_command(rollback_command)
cli.add_command(env_command)
cli.add_command(check_command)
cli.add_command(rules_command)
cli.add_command(rule_command)


def main() -> None:
    cli(prog_name="protheus-ci")
