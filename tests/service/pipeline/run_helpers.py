"""Reading a run back, for the pipeline tests."""

from __future__ import annotations

from collections.abc import Callable

from protheus_ci.db.models import Run
from protheus_ci.pipeline import logs
from protheus_ci.web.services import Services

# Commits the given files (path -> content), pushes them and queues a run; returns its id.
MakeRun = Callable[[dict[str, str]], int]


def load_run(svc: Services, run_id: int) -> tuple[str, dict[str, str], str]:
    """The run's state, its stages' states, and its message."""
    with svc.database.session() as session:
        run = session.get_one(Run, run_id)
        return run.state, {stage.name: stage.state for stage in run.stages}, run.message


def stage_log(svc: Services, run_id: int, stage: str) -> str:
    with svc.database.session() as session:
        return logs.stage_text(session, run_id, stage)
