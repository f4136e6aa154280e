"""The closed sets of run and stage states."""

from __future__ import annotations

import enum


class RunState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCESS = "success"
    # The customer's code did not pass.
    FAILED = "failed"
    CANCELED = "canceled"
    # Our fault or the infrastructure's (a dead worker, a crash), not the customer's.
    ERROR = "error"

    @property
    def finished(self) -> bool:
        return self not in (RunState.QUEUED, RunState.RUNNING)


class StageState(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCESS = "success"
    FAILED = "failed"
    # The stage did not run: not available yet, or not configured for this branch.
    SKIPPED = "skipped"
    CANCELED = "canceled"
    ERROR = "error"
