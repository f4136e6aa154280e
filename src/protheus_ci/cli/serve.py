"""``protheus-ci serve``: the web server under gunicorn plus an embedded worker, with one
command and the embedded defaults (SQLite and the SQLite queue under the data folder)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import click

from protheus_ci.cli.admin import checked_settings
from protheus_ci.cli.worker import run_worker

APP_SPEC = "protheus_ci.web.app:create_app()"


@click.command("serve")
@click.option("--bind", default=None, help="host:port (default: the bind setting).")
@click.option("--no-worker", is_flag=True, help="Web server only; run workers separately.")
def serve_command(bind: str | None, no_worker: bool) -> None:
    """Serve the web application and, unless --no-worker, a worker / servidor web e worker."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    # Migrate once here, so the gunicorn workers never race each other to do it.
    settings = checked_settings()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        bind or settings.bind,
        "--workers",
        str(settings.web_workers),
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        APP_SPEC,
    ]
    web = subprocess.Popen(command, env={**os.environ, "PROTHEUS_CI_MIGRATE_ON_START": "false"})
    try:
        if no_worker:
            web.wait()
        else:
            run_worker(settings, settings.worker_threads)
    finally:
        web.terminate()
        web.wait(timeout=30)
