"""Command-line interface: one module per command, registered in :mod:`protheus_ci.cli.main`."""
