"""Group commit for webhook deliveries: the concurrent requests of one process share one
transaction, one commit and one turn at the database's write lock.

SQLite takes one writer at a time, so under load a delivery's cost is mostly its turn
at the lock: waiting, committing, and the queue's own commit. A request adds its
delivery to the pending list and waits for the process's leader lock; whoever holds it
records everything pending in one transaction, so the requests that arrive while one
batch is written go together in the next. With one request at a time this is the plain
path, in batches of one. Each delivery's outcome is that of recording them one by one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time
from collections.abc import Iterator

from protheus_ci.db.driver_sql import DriverCursor
from protheus_ci.db.engine import Database
from protheus_ci.queue.tasks import TaskQueue
from protheus_ci.webhooks.base import Delivery
from protheus_ci.webhooks.record import HookTarget, Recorded, record

# Bounds a transaction's size, and so the wait of the requests in it.
BATCH_LIMIT = 64
# The longest a batch waits for announced deliveries to join it, in seconds.
COMMIT_DELAY = 0.002


class RecordingFailed(RuntimeError):
    """The batch holding this delivery could not be recorded; nothing of it was kept."""


class Announced:
    """A delivery on its way to a ``DeliveryRecorder``: recorded once, or not at all."""

    def __init__(self, recorder: DeliveryRecorder) -> None:
        self._recorder = recorder
        self.handed_over = False

    def record(self, target: HookTarget, delivery: Delivery) -> Recorded:
        assert not self.handed_over, "a delivery is recorded once"
        self.handed_over = True
        return self._recorder._record(_Waiting(target, delivery))


@dataclasses.dataclass
class _Waiting:
    target: HookTarget
    delivery: Delivery
    result: Recorded | None = None
    error: BaseException | None = None


class DeliveryRecorder:
    """Records deliveries and enqueues their runs, in batches. One per process."""

    def __init__(self, database: Database, queue: TaskQueue, cancel_previous: bool) -> None:
        self._database = database
        self._queue = queue
        self._cancel_previous = cancel_previous
        self._pending: list[_Waiting] = []
        # Requests that announced a delivery and have not handed it over yet.
        self._coming = 0
        self._changed = threading.Condition()
        self._leader = threading.Lock()

    @contextlib.contextmanager
    def announce(self) -> Iterator[Announced]:
        """Held by a request from its start: while it verifies and parses, a batch about
        to be written waits a moment for it (see ``COMMIT_DELAY``)."""
        announced = Announced(self)
        with self._changed:
            self._coming += 1
        try:
            yield announced
        finally:
            if not announced.handed_over:
                self._arrived(None)

    def _arrived(self, waiting: _Waiting | None) -> None:
        with self._changed:
            self._coming -= 1
            if waiting is not None:
                self._pending.append(waiting)
            self._changed.notify_all()

    def _record(self, waiting: _Waiting) -> Recorded:
        self._arrived(waiting)
        with self._leader:
            # Added before this wait, so either an earlier leader took it or it is still
            # pending now; each loop takes the oldest, so it is taken in the end.
            while waiting.result is None and waiting.error is None:
                self._write(self._next_batch())
        if waiting.error is not None:
            raise RecordingFailed(
                f"delivery {waiting.delivery.delivery_id} not recorded: {waiting.error}"
            ) from waiting.error
        assert waiting.result is not None
        return waiting.result

    def _next_batch(self) -> list[_Waiting]:
        # PostgreSQL's commit_delay and commit_siblings, for the same reason: while
        # other deliveries are on their way, wait a moment so that they share the commit.
        deadline = time.monotonic() + COMMIT_DELAY
        with self._changed:
            while self._coming and len(self._pending) < BATCH_LIMIT:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(remaining)
            batch = self._pending[:BATCH_LIMIT]
            del self._pending[:BATCH_LIMIT]
        return batch

    def _write(self, batch: list[_Waiting]) -> None:
        """Records a batch and hands each waiting request its outcome or its error."""
        try:
            outcomes = self._commit([(waiting.target, waiting.delivery) for waiting in batch])
        except Exception as exc:  # every request of the batch answers it, not just this one
            outcomes = [exc] * len(batch)
        for waiting, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Exception):
                waiting.error = outcome
            else:
                waiting.result = outcome

    def _commit(self, items: list[tuple[HookTarget, Delivery]]) -> list[Recorded | Exception]:
        # The queue's commit goes under the same lock: two processes enqueueing at once
        # into the SQLite queue would otherwise wait for each other in SQLite's sleeps.
        engine = self._database.engine
        with self._database.write_lock(), contextlib.closing(engine.raw_connection()) as connection:
            cursor = DriverCursor(connection, engine.dialect)
            outcomes: list[Recorded | Exception]
            try:
                outcomes = list(record(cursor, items, self._cancel_previous))
            except cursor.integrity_error:
                # Another process recorded one of these meanwhile, or a repository was
                # deleted meanwhile: one by one, a repeat is found as such, a bad one
                # fails alone, and the others are recorded.
                connection.rollback()
                outcomes = [_record_alone(cursor, item, self._cancel_previous) for item in items]
            # Recorded is recorded: a queue that is down does not turn these into errors.
            self._queue.enqueue_recorded(
                run_id
                for outcome in outcomes
                if isinstance(outcome, Recorded) and outcome.outcome == "accepted"
                for run_id in outcome.run_ids
            )
        return outcomes


def _record_alone(
    cursor: DriverCursor, item: tuple[HookTarget, Delivery], cancel_previous: bool
) -> Recorded | Exception:
    try:
        return _record_one(cursor, item, cancel_previous)
    except cursor.integrity_error:
        cursor.connection.rollback()
    # Another writer recorded this delivery meanwhile: it has committed by now (a unique
    # index waits for it), so a second look-up finds its row. A repository deleted
    # meanwhile fails again, alone.
    try:
        return _record_one(cursor, item, cancel_previous)
    except cursor.integrity_error as exc:
        cursor.connection.rollback()
        return exc


def _record_one(cursor: DriverCursor, item: tuple[HookTarget, Delivery], cancel_previous: bool) -> Recorded:
    [result] = record(cursor, [item], cancel_previous)
    return result
