"""The queue's tasks and the one place they are registered on a huey instance."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Iterable
from typing import Any

from huey import Huey, RedisHuey, crontab
from huey.storage import SqliteStorage

from protheus_ci.config import Settings
from protheus_ci.db.engine import Database, database_for
from protheus_ci.db.models import utcnow
from protheus_ci.pipeline import leases
from protheus_ci.pipeline.reporters import notifier_for
from protheus_ci.pipeline.runner import RunExecutor

_log = logging.getLogger(__name__)

RUN_TASK = "run_pipeline"


class _SqliteStorage(SqliteStorage):  # type: ignore[misc]
    """huey's SQLite storage with ``synchronous=NORMAL``, the setting the main database
    uses: in WAL mode it survives application crashes and skips an fsync per enqueue."""

    def _create_connection(self) -> Any:
        connection = super()._create_connection()
        connection.execute("pragma synchronous=NORMAL")
        return connection


def build_huey(settings: Settings) -> Huey:
    if settings.redis_url:
        return RedisHuey(settings.queue_name, url=settings.redis_url, results=False)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Huey(settings.queue_name, results=False, storage_class=_SqliteStorage, filename=str(settings.queue_file))


class TaskQueue:
    """What the web server enqueues and what a worker executes, over one huey instance."""

    def __init__(self, settings: Settings, database: Database | None = None) -> None:
        self.settings = settings
        self.huey = build_huey(settings)
        self._database = database
        self._lock = threading.Lock()
        self._run_task = self.huey.task(name=RUN_TASK)(self._execute_run)
        self.huey.periodic_task(crontab(minute="*"), name="reap_expired_leases")(self.reap_expired_leases)
        self.huey.periodic_task(crontab(minute="*"), name="enqueue_orphans")(self.enqueue_orphans)

    @property
    def database(self) -> Database:
        # Opened on first use, so a forked worker process opens its own connections.
        with self._lock:
            if self._database is None:
                self._database = database_for(self.settings)
            return self._database

    def enqueue_run(self, run_id: int) -> None:
        self._run_task(run_id)

    def enqueue_recorded(self, run_ids: Iterable[int]) -> None:
        """Enqueues runs whose rows are committed. A queue that is down (Redis
        unreachable, say) costs a warning, not the request: the runs are recorded, and
        ``enqueue_orphans`` enqueues them once the queue is back."""
        for run_id in run_ids:
            try:
                self.enqueue_run(run_id)
            except Exception as exc:  # any storage error of any queue backend
                _log.warning("run %s recorded but not enqueued (%s); it will be enqueued again", run_id, exc)

    def _execute_run(self, run_id: int) -> None:
        worker_id = f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
        executor = RunExecutor(self.database.sessions, self.settings, notifier_for(self.settings))
        executor.execute(run_id, worker_id)

    def reap_expired_leases(self) -> list[int]:
        with self.database.sessions.begin() as session:
            requeued = leases.reap_expired(session, self.settings.max_attempts)
        self.enqueue_recorded(requeued)
        return requeued

    def enqueue_orphans(self) -> list[int]:
        """Enqueues again the queued runs that no message in the queue will start: the
        process that recorded one died, or the queue was down, between its commit and
        its enqueue. Only runs older than ``enqueue_grace_seconds`` count, so one being
        enqueued right now is left alone; a run whose message a worker has just taken
        may get a second message, which finds it no longer queued and does nothing."""
        pending = {task.args[0] for task in self.huey.pending() if task.name == RUN_TASK and task.args}
        created_before = utcnow() - dt.timedelta(seconds=self.settings.enqueue_grace_seconds)
        with self.database.session() as session:
            orphans = [run_id for run_id in leases.queued_before(session, created_before) if run_id not in pending]
        self.enqueue_recorded(orphans)
        return orphans

    def consumer(self, threads: int) -> Any:
        return self.huey.create_consumer(
            workers=threads,
            worker_type="thread",
            initial_delay=min(0.1, self.settings.worker_poll_seconds),
            max_delay=self.settings.worker_poll_seconds,
        )
