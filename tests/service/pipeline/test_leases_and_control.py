"""Dead workers, cancel and retry."""

from __future__ import annotations

import datetime as dt

import pytest
from run_helpers import MakeRun, load_run
from service_helpers import drain
from sqlalchemy import update

from protheus_ci.db.models import Run, utcnow
from protheus_ci.pipeline import control
from protheus_ci.pipeline.runner import RunExecutor
from protheus_ci.web.services import Services


def strand(svc: Services, run_id: int) -> None:
    """What a worker that died mid-run leaves behind: running, with a lease that lapsed."""
    with svc.database.sessions.begin() as session:
        session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(
                state="running",
                lease_owner="dead-worker",
                attempts=Run.attempts + 1,
                lease_expires_at=utcnow() - dt.timedelta(seconds=1),
            )
        )


def test_a_run_whose_worker_died_is_queued_again_and_then_completes(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    svc.queue.huey.dequeue()  # the dead worker had taken the task
    strand(svc, run_id)
    assert svc.queue.reap_expired_leases() == [run_id]
    assert load_run(svc, run_id)[0] == "queued"
    assert drain(svc) == 1
    assert load_run(svc, run_id)[0] == "success"


def test_a_run_out_of_attempts_ends_in_error_never_running_for_ever(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    svc.queue.huey.dequeue()
    for _ in range(svc.settings.max_attempts):
        strand(svc, run_id)
        svc.queue.reap_expired_leases()
    state, stages, message = load_run(svc, run_id)
    assert state == "error"
    assert set(stages.values()) == {"error"}
    assert "worker lost" in message


def test_a_live_lease_is_left_alone(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    with svc.database.sessions.begin() as session:
        session.execute(
            update(Run)
            .where(Run.id == run_id)
            .values(state="running", lease_owner="w", lease_expires_at=utcnow() + dt.timedelta(minutes=1))
        )
    assert svc.queue.reap_expired_leases() == []
    assert load_run(svc, run_id)[0] == "running"


def test_a_canceled_queued_run_never_starts(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    with svc.database.sessions.begin() as session:
        control.cancel(session, session.get_one(Run, run_id))
    drain(svc)
    state, stages, _ = load_run(svc, run_id)
    assert (state, set(stages.values())) == ("canceled", {"pending"})


def test_a_cancel_during_a_run_stops_it_before_its_next_stage(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    svc.queue.huey.dequeue()

    def cancel_when_running(repository: object, run: Run) -> None:
        if run.state == "running":
            with svc.database.sessions.begin() as session:
                control.cancel(session, session.get_one(Run, run.id))

    executor = RunExecutor(svc.database.sessions, svc.settings, notify=cancel_when_running)
    assert executor.execute(run_id, "worker-1") == "canceled"
    state, stages, _ = load_run(svc, run_id)
    assert state == "canceled"
    assert set(stages.values()) == {"canceled"}


def test_retry_makes_a_new_run_of_the_same_commit(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    with svc.database.sessions.begin() as session, pytest.raises(control.RunControlError):
        control.retry(session, session.get_one(Run, run_id))
    drain(svc)
    with svc.database.sessions.begin() as session:
        old = session.get_one(Run, run_id)
        new = control.retry(session, old)
        assert (new.commit_sha, new.ref, new.retry_of, new.state) == (
            old.commit_sha,
            old.ref,
            run_id,
            "queued",
        )
        with pytest.raises(control.RunControlError):
            control.cancel(session, old)
