"""Cancel and retry, as asked through the API."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from protheus_ci.db.models import Run, utcnow
from protheus_ci.pipeline.create import create_run
from protheus_ci.pipeline.states import RunState


class RunControlError(ValueError):
    """The run is not in a state that allows the request."""


def cancel(session: Session, run: Run, reason: str = "canceled by request / cancelada a pedido") -> None:
    """A queued run never starts; a running one stops before its next stage (and its
    worker's lease renewal notices), and its outcome is not overwritten."""
    done = session.execute(
        update(Run)
        .where(Run.id == run.id, Run.state.in_((RunState.QUEUED.value, RunState.RUNNING.value)))
        .values(state=RunState.CANCELED.value, message=reason, finished_at=utcnow())
    )
    if done.rowcount == 0:  # type: ignore[attr-defined]
        raise RunControlError(f"run {run.id} has already finished / a execução já terminou")
    session.refresh(run)


def retry(session: Session, run: Run) -> Run:
    """A new run of the same commit; the old one keeps its history."""
    if not RunState(run.state).finished:
        raise RunControlError(f"run {run.id} is still {run.state} / a execução ainda está ativa")
    run_id = create_run(
        session.connection(),
        run.repository,
        run.ref,
        run.before_sha,
        run.commit_sha,
        "retry",
        retry_of=run.id,
        # The retry builds the same push: who pushed it stays on record.
        pushed_by=run.pushed_by,
    )
    return session.get_one(Run, run_id)
