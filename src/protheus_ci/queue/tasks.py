"""The queue's tasks and the one place they are registered on a huey instance."""

from __future__ import annotations

import os
import socket
import threading
from typing import Any

from huey import Huey, RedisHuey, crontab
from huey.storage import SqliteStorage

from protheus_ci.config import Settings
from protheus_ci.db.engine import Database
from protheus_ci.pipeline import leases
from protheus_ci.pipeline.reporters import notifier_for
from protheus_ci.pipeline.runner import RunExecutor


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
        self._run_task = self.huey.task(name="run_pipeline")(self._execute_run)
        self.huey.periodic_task(crontab(minute="*"), name="reap_expired_leases")(self.reap_expired_leases)

    @property
    def database(self) -> Database:
        # Opened on first use, so a forked worker process opens its own connections.
        with self._lock:
            if self._database is None:
                self._database = Database(self.settings.effective_database_url)
            return self._database

    def enqueue_run(self, run_id: int) -> None:
        self._run_task(run_id)

    def _execute_run(self, run_id: int) -> None:
        worker_id = f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
        executor = RunExecutor(self.database.sessions, self.settings, notifier_for(self.settings))
        executor.execute(run_id, worker_id)

    def reap_expired_leases(self) -> list[int]:
        with self.database.sessions.begin() as session:
            requeued = leases.reap_expired(session, self.settings.max_attempts)
        for run_id in requeued:
            self.enqueue_run(run_id)
        return requeued

    def consumer(self, threads: int) -> Any:
        return self.huey.create_consumer(
            workers=threads,
            worker_type="thread",
            initial_delay=min(0.1, self.settings.worker_poll_seconds),
            max_delay=self.settings.worker_poll_seconds,
        )
