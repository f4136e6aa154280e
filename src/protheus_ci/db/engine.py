"""Engines and sessions. SQLite is opened in WAL mode so that the web server and the
workers can read while one of them writes."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from protheus_ci.config import Settings
from protheus_ci.db.sealed import SecretBox, attach


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, pool_use_lifo=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL is durable across application crashes in WAL mode; only an OS crash can
    # lose the last transactions, which the forge's redelivery covers.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class Database:
    """One engine and its session factory, shared by a process."""

    def __init__(self, url: str, secrets: SecretBox) -> None:
        self.engine = make_engine(url)
        attach(self.engine, secrets)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        database = self.engine.url.database
        self._lock_path = f"{database}.write-lock" if url.startswith("sqlite") and database else None
        # One lock file per process, opened on first use (after any fork), held by one
        # thread at a time: an flock belongs to the open file, not to the thread.
        self._lock_file: IO[str] | None = None
        self._thread_lock = threading.Lock()

    @contextmanager
    def write_lock(self) -> Iterator[None]:
        """Serialize hot write transactions across processes and threads.

        SQLite lets one writer in at a time and makes the others poll with growing sleeps
        (up to 100 ms each), which is what the tail latency of a busy server is made of.
        An flock queues writers in the kernel instead and wakes the next one at once.
        PostgreSQL needs none of this."""
        if self._lock_path is None:
            yield
            return
        with self._thread_lock:
            if self._lock_file is None:
                self._lock_file = open(self._lock_path, "a")  # noqa: SIM115 - kept open for the process
            fcntl.flock(self._lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    def session(self) -> Session:
        return self.sessions()

    def dispose(self) -> None:
        self.engine.dispose()
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None


def database_for(settings: Settings) -> Database:
    """The database of ``settings``, with the keys of its sealed columns."""
    return Database(settings.effective_database_url, SecretBox.from_settings(settings.secrets_keys, settings.data_dir))
