"""Make runs from received revisions, and cancel the runs they supersede.

Written with Core statements on a ``Connection`` rather than ORM objects, and each
statement built once with bound parameters: this is the hot path of webhook ingestion,
where building statements and the ORM's bookkeeping cost more than the SQL itself.
Callers holding a ``Session`` pass ``session.connection()``, which shares its transaction.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection, bindparam, insert, update

from protheus_ci.db.models import Run, Stage, utcnow
from protheus_ci.gitstore.bare import is_null_sha
from protheus_ci.pipeline.stages import PIPELINE
from protheus_ci.pipeline.states import RunState, StageState

_ACTIVE = (RunState.QUEUED.value, RunState.RUNNING.value)

_INSERT_RUN = insert(Run).returning(Run.id)
_INSERT_STAGE = insert(Stage)
_CANCEL_ACTIVE = (
    update(Run)
    .where(
        Run.repository_id == bindparam("p_repository"),
        Run.ref == bindparam("p_ref"),
        Run.state.in_(_ACTIVE),
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
    run_id: int = connection.execute(
        _INSERT_RUN,
        {
            "tenant_id": repository.tenant_id,
            "repository_id": repository.id,
            "ref": ref,
            "before_sha": before_sha,
            "commit_sha": commit_sha,
            "trigger": trigger,
            "state": RunState.QUEUED.value,
            "retry_of": retry_of,
        },
    ).scalar_one()
    connection.execute(
        _INSERT_STAGE,
        [
            {"run_id": run_id, "name": name, "position": position, "state": StageState.PENDING.value}
            for position, (name, _) in enumerate(PIPELINE)
        ],
    )
    return run_id


def runs_for_push(
    connection: Connection,
    repository: RepositoryKey,
    updates: list[tuple[str, str, str]],
    trigger: str,
    cancel_previous: bool,
) -> list[int]:
    """One run per created or moved branch or tag; deletions only cancel. Returns run ids."""
    run_ids = []
    for before, after, ref in updates:
        if cancel_previous:
            cancel_active_runs(connection, repository.id, ref, "superseded by a newer push / substituída")
        if not is_null_sha(after):
            run_ids.append(create_run(connection, repository, ref, before, after, trigger))
    return run_ids


def cancel_active_runs(connection: Connection, repository_id: int, ref: str, reason: str) -> None:
    connection.execute(
        _CANCEL_ACTIVE, {"p_repository": repository_id, "p_ref": ref, "p_reason": reason, "p_now": utcnow()}
    )
