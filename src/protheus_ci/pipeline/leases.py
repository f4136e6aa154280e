"""Find runs whose worker died: their lease expired without renewal. Each is queued again
while it has attempts left, or ends in ``error``; none stays ``running`` for ever. And
find the queued runs that may have no message in the queue, so that none stays
``queued`` for ever either."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from protheus_ci.db.models import QUEUED_ONLY, RUNNING_ONLY, Run, Stage, utcnow
from protheus_ci.pipeline.states import RunState, StageState


def reap_expired(session: Session, max_attempts: int) -> list[int]:
    """Returns the ids of the runs put back in the queue; the caller enqueues them."""
    now = utcnow()
    expired = session.scalars(select(Run).where(text(RUNNING_ONLY), Run.lease_expires_at < now)).all()
    requeued = []
    for run in expired:
        retry = run.attempts < max_attempts
        state = RunState.QUEUED if retry else RunState.ERROR
        message = (
            "worker lost; queued again / worker perdido; reenfileirada"
            if retry
            else "worker lost and no attempts left / worker perdido, sem novas tentativas"
        )
        # Conditional on the lease we saw, so a worker that renews at this very moment wins.
        moved = session.execute(
            update(Run)
            .where(
                Run.id == run.id,
                Run.state == RunState.RUNNING.value,
                Run.lease_expires_at == run.lease_expires_at,
            )
            .values(
                state=state.value,
                message=message,
                lease_owner="",
                lease_expires_at=None,
                finished_at=None if retry else now,
            )
        )
        if not moved.rowcount:  # type: ignore[attr-defined]
            continue
        # A retried run starts again from its first stage; a given-up one marks what never finished.
        stages = update(Stage).where(Stage.run_id == run.id)
        if retry:
            session.execute(stages.values(state=StageState.PENDING.value, started_at=None, finished_at=None))
        else:
            unfinished = (StageState.RUNNING.value, StageState.PENDING.value)
            session.execute(stages.where(Stage.state.in_(unfinished)).values(state=StageState.ERROR.value))
        if retry:
            requeued.append(run.id)
    return requeued


def queued_before(session: Session, created_before: dt.datetime) -> list[int]:
    """Ids of the runs still queued that were created before ``created_before``."""
    query = select(Run.id).where(text(QUEUED_ONLY), Run.created_at < created_before).order_by(Run.id)
    return list(session.scalars(query))
