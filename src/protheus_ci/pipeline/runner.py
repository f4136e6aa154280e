"""Execute one run: claim it under a lease, run its stages in order, record the outcome.

A worker holds a lease on the run and renews it while it works. Another worker may take
the run over only when the lease has expired (see ``leases``). Every write that ends a
run is conditional on the run still being ours and still running, so a cancel made
meanwhile always wins.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from protheus_ci.config import Settings
from protheus_ci.db.models import Finding, Repository, Run, Stage, Tenant, utcnow
from protheus_ci.gitstore.bare import repository_path
from protheus_ci.pipeline.logs import StageLog
from protheus_ci.pipeline.stages import PIPELINE
from protheus_ci.pipeline.stages.base import FindingRecord, RunTarget, StageContext
from protheus_ci.pipeline.states import RunState, StageState

# Called when a run starts and when it ends, e.g. to post a commit status to the forge.
Notifier = Callable[[Repository, Run], None]

_STAGE_TO_RUN = {
    StageState.FAILED: RunState.FAILED,
    StageState.ERROR: RunState.ERROR,
    StageState.CANCELED: RunState.CANCELED,
}


class RunExecutor:
    def __init__(self, sessions: sessionmaker[Session], settings: Settings, notify: Notifier | None = None) -> None:
        self._sessions = sessions
        self._settings = settings
        self._notify = notify

    def execute(self, run_id: int, worker_id: str) -> RunState | None:
        """Runs the run if it is still queued; returns its final state, or None if it was
        not ours to run (already taken, canceled or finished)."""
        if not self._claim(run_id, worker_id):
            return None
        target = self._target(run_id)
        self._report(run_id)
        lease = _LeaseKeeper(self._sessions, self._settings, run_id, worker_id)
        lease.start()
        workdir = self._settings.work_dir / f"run-{run_id}"
        try:
            outcome = self._run_stages(target, workdir, lease)
        finally:
            lease.stop()
            shutil.rmtree(workdir, ignore_errors=True)
        with self._sessions.begin() as session:
            session.execute(
                update(Run)
                .where(Run.id == run_id, Run.state == RunState.RUNNING.value, Run.lease_owner == worker_id)
                .values(state=outcome.value, finished_at=utcnow(), lease_expires_at=None)
            )
            final = RunState(session.scalars(select(Run.state).where(Run.id == run_id)).one())
        self._report(run_id)
        return final

    def _claim(self, run_id: int, worker_id: str) -> bool:
        now = utcnow()
        with self._sessions.begin() as session:
            claimed = session.execute(
                update(Run)
                .where(Run.id == run_id, Run.state == RunState.QUEUED.value)
                .values(
                    state=RunState.RUNNING.value,
                    lease_owner=worker_id,
                    lease_expires_at=now + dt.timedelta(seconds=self._settings.lease_seconds),
                    attempts=Run.attempts + 1,
                    started_at=now,
                )
            )
            return bool(claimed.rowcount)  # type: ignore[attr-defined]

    def _target(self, run_id: int) -> RunTarget:
        with self._sessions() as session:
            run = session.get_one(Run, run_id)
            repository = run.repository
            tenant = session.get_one(Tenant, repository.tenant_id)
            return RunTarget(
                run_id=run.id,
                tenant=tenant.slug,
                repository=repository.name,
                forge=repository.forge,
                repository_path=repository_path(self._settings.repositories_dir, tenant.slug, repository.name),
                ref=run.ref,
                before_sha=run.before_sha,
                commit_sha=run.commit_sha,
                remote_url=repository.remote_url,
                remote_username=repository.remote_username,
                remote_password=repository.remote_password,
                pushed_by=run.pushed_by,
            )

    def _run_stages(self, target: RunTarget, workdir: Path, lease: _LeaseKeeper) -> RunState:
        outcome = RunState.SUCCESS
        ctx = StageContext(
            settings=self._settings,
            target=target,
            workdir=workdir,
            log=lambda _text: None,
            add_finding=lambda finding: self._add_finding(target.run_id, finding),
            is_canceled=lease.lost,
        )
        for name, stage in PIPELINE:
            log = StageLog(self._sessions, target.run_id, name)
            if lease.lost():
                outcome = RunState.CANCELED
            if outcome is not RunState.SUCCESS:
                log(f"not run: the run is {outcome.value} / não executada: a execução está {outcome.value}")
                skipped = StageState.CANCELED if outcome is RunState.CANCELED else StageState.SKIPPED
                self._set_stage(target.run_id, name, skipped, finished=True)
                continue
            self._set_stage(target.run_id, name, StageState.RUNNING)
            ctx.log = log
            state = _guarded(stage, ctx)
            self._set_stage(target.run_id, name, state, finished=True)
            outcome = _STAGE_TO_RUN.get(state, outcome)
        return outcome

    def _set_stage(self, run_id: int, name: str, state: StageState, finished: bool = False) -> None:
        now = utcnow()
        values: dict[str, object] = {"state": state.value}
        values["finished_at" if finished else "started_at"] = now
        with self._sessions.begin() as session:
            session.execute(update(Stage).where(Stage.run_id == run_id, Stage.name == name).values(**values))

    def _add_finding(self, run_id: int, finding: FindingRecord) -> None:
        with self._sessions.begin() as session:
            session.add(Finding(run_id=run_id, **vars(finding)))

    def _report(self, run_id: int) -> None:
        if self._notify is None:
            return
        with self._sessions() as session:
            run = session.get_one(Run, run_id)
            self._notify(run.repository, run)


def _guarded(stage: Callable[[StageContext], StageState], ctx: StageContext) -> StageState:
    """A crash inside a stage is our error, logged with its traceback, never the customer's failure."""
    try:
        return stage(ctx)
    except Exception:
        ctx.log("internal error / erro interno:\n" + traceback.format_exc())
        return StageState.ERROR


class _LeaseKeeper:
    """Renews the run's lease in the background; reports the run as lost when the renewal
    finds it canceled or taken over."""

    def __init__(self, sessions: sessionmaker[Session], settings: Settings, run_id: int, worker_id: str) -> None:
        self._sessions = sessions
        self._settings = settings
        self._run_id = run_id
        self._worker_id = worker_id
        self._stop = threading.Event()
        self._lost = threading.Event()
        self._last_check = 0.0
        self._thread = threading.Thread(target=self._loop, name=f"lease-run-{run_id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def lost(self) -> bool:
        # Stages ask often; the database is asked at most once a second.
        if not self._lost.is_set() and time.monotonic() - self._last_check >= 1.0:
            self._renew()
        return self._lost.is_set()

    def _loop(self) -> None:
        while not self._stop.wait(self._settings.heartbeat_seconds):
            self._renew()

    def _renew(self) -> None:
        self._last_check = time.monotonic()
        expires = utcnow() + dt.timedelta(seconds=self._settings.lease_seconds)
        with self._sessions.begin() as session:
            renewed = session.execute(
                update(Run)
                .where(
                    Run.id == self._run_id,
                    Run.state == RunState.RUNNING.value,
                    Run.lease_owner == self._worker_id,
                )
                .values(lease_expires_at=expires)
            )
            if not renewed.rowcount:  # type: ignore[attr-defined]
                self._lost.set()
