"""``protheus-ci worker``: execute queued runs. Start as many as you like, on as many
machines as you like, against the same PostgreSQL and Redis."""

from __future__ import annotations

import logging

import click

from protheus_ci.cli.admin import checked_settings
from protheus_ci.config import Settings
from protheus_ci.db.migrate import open_database
from protheus_ci.queue.tasks import TaskQueue


def run_worker(settings: Settings, threads: int) -> None:
    queue = TaskQueue(settings, open_database(settings))
    # Runs left behind by a worker that died, or never enqueued, while this one was down
    # are picked up now, not only at the next minute of the periodic checks.
    queue.reap_expired_leases()
    queue.enqueue_orphans()
    queue.consumer(threads).run()


@click.command("worker")
@click.option("--threads", type=int, default=None, help="Runs executed at once (default: worker_threads).")
def worker_command(threads: int | None) -> None:
    """Run a queue worker / executa um worker da fila."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    settings = checked_settings()
    run_worker(settings, threads or settings.worker_threads)
