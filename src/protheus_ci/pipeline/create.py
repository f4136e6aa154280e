"""Make runs from received revisions, and cancel the runs they supersede.

This is the hot path of webhook ingestion, so its few statements run on the DB-API
cursor (see ``db.driver_sql``), and many pushes go in one transaction. Callers holding
a ``Session`` pass ``session.connection()``, whose transaction the statements join.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import Connection

from protheus_ci.db.driver_sql import DriverCursor
from protheus_ci.db.models import utcnow
from protheus_ci.gitstore.bare import is_null_sha
from protheus_ci.pipeline.stages import PIPELINE
from protheus_ci.pipeline.states import RunState, StageState

SUPERSEDED = "superseded by a newer push / substituída"

# (before, after, ref), as a forge or git receive-pack reports a ref update.
PushedRef = tuple[str, str, str]

_CANCEL_ACTIVE = (
    "UPDATE runs SET state = ?, message = ?, finished_at = ?"
    " WHERE repository_id = ? AND ref = ? AND state IN ('queued', 'running')"
)
_INSERT_RUN = (
    'INSERT INTO runs (tenant_id, repository_id, ref, before_sha, commit_sha, "trigger", pushed_by, state,'
    " message, retry_of, attempts, lease_owner, created_at, finished_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?) RETURNING id"
)
_INSERT_STAGE = "INSERT INTO stages (run_id, name, position, state) VALUES (?, ?, ?, ?)"


class RepositoryKey(Protocol):
    """What a run needs to know of its repository; met by the ORM row and by lighter records."""

    @property
    def id(self) -> int: ...

    @property
    def tenant_id(self) -> int: ...


@dataclasses.dataclass(frozen=True)
class Push:
    """Ref updates received together, and who pushed them ("" when unknown)."""

    repository: RepositoryKey
    updates: Sequence[PushedRef]
    pushed_by: str = ""


def create_run(
    connection: Connection,
    repository: RepositoryKey,
    ref: str,
    before_sha: str,
    commit_sha: str,
    trigger: str,
    retry_of: int | None = None,
    pushed_by: str = "",
) -> int:
    """Inserts a queued run and its pending stages; returns the run's id."""
    new_run = _NewRun(repository, ref, before_sha, commit_sha, trigger, pushed_by, retry_of)
    [run_id] = _insert_runs(DriverCursor.joining(connection), [new_run])
    return run_id


def runs_for_push(
    connection: Connection,
    repository: RepositoryKey,
    updates: Sequence[PushedRef],
    trigger: str,
    cancel_previous: bool,
    pushed_by: str = "",
) -> list[int]:
    """One run per created or moved branch or tag; deletions only cancel. Returns run ids."""
    cursor = DriverCursor.joining(connection)
    [run_ids] = runs_for_pushes(cursor, [Push(repository, updates, pushed_by)], trigger, cancel_previous)
    return run_ids


def runs_for_pushes(
    cursor: DriverCursor,
    pushes: Sequence[Push],
    trigger: str,
    cancel_previous: bool,
) -> list[list[int]]:
    """``runs_for_push`` for several pushes in one transaction, with the outcome of taking
    them one by one in this order: with ``cancel_previous``, a push supersedes the active
    runs of its ref, those already stored and those made earlier in the batch. Returns
    each push's run ids, superseded ones included."""
    now = utcnow()
    new_runs: list[_NewRun] = []
    owners: list[int] = []
    newest: dict[tuple[int, str], _NewRun | None] = {}
    for index, push in enumerate(pushes):
        for before, after, ref in push.updates:
            key = (push.repository.id, ref)
            superseded = newest.get(key)
            if cancel_previous and superseded is not None:
                superseded.cancel(now)
            newest[key] = None
            if not is_null_sha(after):
                new_run = newest[key] = _NewRun(push.repository, ref, before, after, trigger, push.pushed_by)
                new_runs.append(new_run)
                owners.append(index)
    if cancel_previous:
        # Before the inserts, so that the batch's own runs are not caught.
        reason = (RunState.CANCELED.value, SUPERSEDED, cursor.timestamp(now))
        for repository_id, ref in newest:
            cursor.execute(_CANCEL_ACTIVE, (*reason, repository_id, ref))
    run_ids: list[list[int]] = [[] for _ in pushes]
    for owner, run_id in zip(owners, _insert_runs(cursor, new_runs), strict=True):
        run_ids[owner].append(run_id)
    return run_ids


@dataclasses.dataclass
class _NewRun:
    repository: RepositoryKey
    ref: str
    before_sha: str
    commit_sha: str
    trigger: str
    pushed_by: str
    retry_of: int | None = None
    state: RunState = RunState.QUEUED
    message: str = ""
    finished_at: dt.datetime | None = None

    def cancel(self, now: dt.datetime) -> None:
        """Superseded within its own batch: stored as canceled from the start."""
        self.state, self.message, self.finished_at = RunState.CANCELED, SUPERSEDED, now


def _insert_runs(cursor: DriverCursor, new_runs: list[_NewRun]) -> list[int]:
    """The runs and their pending stages; returns the runs' ids, in order."""
    if not new_runs:
        return []
    created = cursor.timestamp(utcnow())
    run_ids: list[int] = []
    for run in new_runs:
        finished = cursor.timestamp(run.finished_at) if run.finished_at else None
        repository = run.repository
        values = (repository.tenant_id, repository.id, run.ref, run.before_sha, run.commit_sha, run.trigger)
        state = (run.pushed_by, run.state.value, run.message, run.retry_of, created, finished)
        run_ids.append(cursor.execute(_INSERT_RUN, (*values, *state)).fetchone()[0])
    cursor.executemany(
        _INSERT_STAGE,
        [
            (run_id, name, position, StageState.PENDING.value)
            for run_id in run_ids
            for position, (name, _) in enumerate(PIPELINE)
        ],
    )
    return run_ids
