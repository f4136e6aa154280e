"""Make runs from received revisions, and cancel the runs they supersede.

Written with Core statements on a ``Connection`` rather than ORM objects, each statement
built once with bound parameters, and many pushes in one set of statements: this is the
hot path of webhook ingestion, where building statements, the ORM's bookkeeping and one
round of statements per push cost more than the SQL itself. Callers holding a
``Session`` pass ``session.connection()``, which shares its transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, bindparam, insert, update

from protheus_ci.db.models import Run, Stage, utcnow
from protheus_ci.gitstore.bare import is_null_sha
from protheus_ci.pipeline.stages import PIPELINE
from protheus_ci.pipeline.states import RunState, StageState

SUPERSEDED = "superseded by a newer push / substituída"

# (before, after, ref), as a forge or git receive-pack reports a ref update.
PushedRef = tuple[str, str, str]

_INSERT_RUN = insert(Run).returning(Run.id)
_INSERT_RUNS = insert(Run).returning(Run.id, sort_by_parameter_order=True)
_INSERT_STAGES = insert(Stage)
_CANCEL_ACTIVE = (
    update(Run)
    .where(
        Run.repository_id == bindparam("p_repository"),
        Run.ref.in_(bindparam("p_refs", expanding=True)),
        # Two comparisons, not IN: a literal IN list is re-rendered at every execution.
        (Run.state == RunState.QUEUED.value) | (Run.state == RunState.RUNNING.value),
    )
    .values(state=RunState.CANCELED.value, message=bindparam("p_reason"), finished_at=bindparam("p_now"))
)


class RepositoryKey(Protocol):
    """What a run needs to know of its repository; met by the ORM row and by lighter records."""

    @property
    def id(self) -> int: ...

    @property
    def tenant_id(self) -> int: ...


def create_run(
    connection: Connection,
    repository: RepositoryKey,
    ref: str,
    before_sha: str,
    commit_sha: str,
    trigger: str,
    retry_of: int | None = None,
) -> int:
    """Inserts a queued run and its pending stages; returns the run's id."""
    [run_id] = _insert_runs(connection, [_run_row(repository, ref, before_sha, commit_sha, trigger, retry_of)])
    return run_id


def runs_for_push(
    connection: Connection,
    repository: RepositoryKey,
    updates: Sequence[PushedRef],
    trigger: str,
    cancel_previous: bool,
) -> list[int]:
    """One run per created or moved branch or tag; deletions only cancel. Returns run ids."""
    [run_ids] = runs_for_pushes(connection, [(repository, updates)], trigger, cancel_previous)
    return run_ids


def runs_for_pushes(
    connection: Connection,
    pushes: Sequence[tuple[RepositoryKey, Sequence[PushedRef]]],
    trigger: str,
    cancel_previous: bool,
) -> list[list[int]]:
    """``runs_for_push`` for several pushes in one transaction, with the outcome of taking
    them one by one in this order: with ``cancel_previous``, a push supersedes the active
    runs of its ref, those already stored and those made earlier in the batch. Returns
    each push's run ids, superseded ones included."""
    now = utcnow()
    rows: list[dict[str, Any]] = []
    owners: list[int] = []
    newest: dict[tuple[int, str], int | None] = {}
    for index, (repository, updates) in enumerate(pushes):
        for before, after, ref in updates:
            key = (repository.id, ref)
            superseded = newest.get(key)
            if cancel_previous and superseded is not None:
                _cancel_row(rows[superseded], now)
            newest[key] = None
            if not is_null_sha(after):
                newest[key] = len(rows)
                rows.append(_run_row(repository, ref, before, after, trigger))
                owners.append(index)
    if cancel_previous:
        # Before the inserts, so that the batch's own runs are not caught.
        refs_by_repository: dict[int, list[str]] = {}
        for repository_id, ref in newest:
            refs_by_repository.setdefault(repository_id, []).append(ref)
        for repository_id, refs in refs_by_repository.items():
            _cancel_active_runs(connection, repository_id, refs, SUPERSEDED, now)
    run_ids: list[list[int]] = [[] for _ in pushes]
    for owner, run_id in zip(owners, _insert_runs(connection, rows) if rows else [], strict=True):
        run_ids[owner].append(run_id)
    return run_ids


def _cancel_active_runs(
    connection: Connection, repository_id: int, refs: Sequence[str], reason: str, now: dt.datetime
) -> None:
    connection.execute(
        _CANCEL_ACTIVE, {"p_repository": repository_id, "p_refs": list(refs), "p_reason": reason, "p_now": now}
    )


def _run_row(
    repository: RepositoryKey, ref: str, before_sha: str, commit_sha: str, trigger: str, retry_of: int | None = None
) -> dict[str, Any]:
    # Every row carries every column: one executemany needs one shape.
    return {
        "tenant_id": repository.tenant_id,
        "repository_id": repository.id,
        "ref": ref,
        "before_sha": before_sha,
        "commit_sha": commit_sha,
        "trigger": trigger,
        "state": RunState.QUEUED.value,
        "message": "",
        "finished_at": None,
        "retry_of": retry_of,
    }


def _cancel_row(row: dict[str, Any], now: dt.datetime) -> None:
    row.update(state=RunState.CANCELED.value, message=SUPERSEDED, finished_at=now)


def _insert_runs(connection: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """One INSERT for all runs and one for all their stages; returns ids in row order."""
    if len(rows) == 1:
        # The usual case; a single row skips the bookkeeping that keeps many in order.
        run_ids = [connection.execute(_INSERT_RUN, rows[0]).scalar_one()]
    else:
        run_ids = list(connection.execute(_INSERT_RUNS, rows).scalars())
    connection.execute(
        _INSERT_STAGES,
        [
            {"run_id": run_id, "name": name, "position": position, "state": StageState.PENDING.value}
            for run_id in run_ids
            for position, (name, _) in enumerate(PIPELINE)
        ],
    )
    return run_ids
