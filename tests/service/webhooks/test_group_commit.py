"""Deliveries recorded together: concurrent requests share transactions, and each
delivery's outcome is that of recording them one by one, in order."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import hmac
import json
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from flask.testing import FlaskClient
from service_helpers import drain, make_tenant
from sqlalchemy import event, select

from protheus_ci.db.driver_sql import DriverCursor
from protheus_ci.db.models import Run
from protheus_ci.pipeline.create import SUPERSEDED
from protheus_ci.web.services import Services
from protheus_ci.webhooks.base import Delivery, RefUpdate
from protheus_ci.webhooks.ingest import RecordingFailed
from protheus_ci.webhooks.record import HookTarget, Recorded, find_target, record

SECRET = "group-commit-secret"
ZERO = "0" * 40


@pytest.fixture
def target(svc: Services) -> HookTarget:
    make_tenant(
        svc,
        "acme",
        ("erp", {"forge": "github", "remote_url": "https://example.invalid/erp.git", "webhook_secret": SECRET}),
    )
    with svc.database.engine.connect() as connection:
        found = find_target(connection, "acme", "erp")
    assert found is not None
    return found


def sha(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()


def push(delivery: str, ref: str, after: str) -> Delivery:
    return Delivery(delivery, "push", (RefUpdate(ref, ZERO, after),))


def record_batch(svc: Services, batch: list[tuple[HookTarget, Delivery]], cancel_previous: bool) -> list[Recorded]:
    engine = svc.database.engine
    with contextlib.closing(engine.raw_connection()) as connection:
        return record(DriverCursor(connection, engine.dialect), batch, cancel_previous)


def run_state(svc: Services, run_id: int) -> tuple[str, str]:
    with svc.database.session() as session:
        run = session.get_one(Run, run_id)
        return run.state, run.message


def test_a_batch_has_the_outcome_of_recording_one_by_one(svc: Services, target: HookTarget) -> None:
    batch = [
        (target, push("a", "refs/heads/main", sha("1"))),
        (target, push("b", "refs/heads/main", sha("2"))),
        (target, push("a", "refs/heads/main", sha("1"))),
        (target, push("c", "refs/heads/dev", sha("3"))),
        (target, push("d", "refs/heads/dev", ZERO)),
    ]
    results = record_batch(svc, batch, cancel_previous=True)
    assert [result.outcome for result in results] == ["accepted", "accepted", "duplicate", "accepted", "ignored"]
    # A repeat within the batch is answered like any repeat: with the first delivery's run.
    assert results[2].run_ids == results[0].run_ids
    # The second push to main supersedes the first; deleting dev cancels dev's run.
    assert run_state(svc, results[0].run_ids[0]) == ("canceled", SUPERSEDED)
    assert run_state(svc, results[1].run_ids[0])[0] == "queued"
    assert run_state(svc, results[3].run_ids[0]) == ("canceled", SUPERSEDED)

    # The same deliveries again are all repeats, answered with the runs recorded first.
    again = record_batch(svc, batch, cancel_previous=True)
    assert [result.outcome for result in again] == ["duplicate"] * 5
    assert [result.run_ids for result in again[:2]] == [results[0].run_ids, results[1].run_ids]


def test_without_cancel_previous_every_push_of_a_batch_stays_queued(svc: Services, target: HookTarget) -> None:
    batch = [(target, push(str(n), "refs/heads/main", sha(str(n)))) for n in range(3)]
    results = record_batch(svc, batch, cancel_previous=False)
    assert [run_state(svc, result.run_ids[0])[0] for result in results] == ["queued"] * 3


def test_a_repeat_recorded_alone_is_answered_with_the_first_run(svc: Services, target: HookTarget) -> None:
    delivery = push(str(uuid.uuid4()), "refs/heads/main", sha("x"))
    with svc.deliveries.announce() as announced:
        first = announced.record(target, delivery)
    with svc.deliveries.announce() as announced:
        second = announced.record(target, delivery)
    assert first.outcome == "accepted"
    assert second == Recorded("duplicate", first.run_ids, "")
    with svc.database.session() as session:
        assert len(session.scalars(select(Run.id)).all()) == 1


def _signed(delivery: str, number: int) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(
        {
            "ref": f"refs/heads/b{number}",
            "before": ZERO,
            "after": sha(str(number)),
            "repository": {"full_name": "acme/erp"},
        }
    ).encode()
    signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    headers = {"X-GitHub-Event": "push", "X-GitHub-Delivery": delivery, "X-Hub-Signature-256": signature}
    return body, {**headers, "Content-Type": "application/json"}


def test_concurrent_requests_share_commits_and_lose_nothing(
    svc: Services, target: HookTarget, live_server: str
) -> None:
    deliveries = [str(uuid.uuid4()) for _ in range(24)]
    # Each delivery twice, as a forge retrying would.
    requests = [_signed(delivery, number) for number, delivery in enumerate(deliveries)] * 2
    commits = []
    event.listen(svc.database.engine, "commit", lambda connection: commits.append(1))

    def send(request: tuple[bytes, dict[str, str]]) -> dict[str, Any]:
        response = httpx.post(f"{live_server}/webhooks/acme/erp", content=request[0], headers=request[1], timeout=30)
        assert response.status_code in (200, 202), response.text
        answer: dict[str, Any] = response.json()
        return answer

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        if svc.database.engine.dialect.name == "sqlite":
            # Holding the write lock, as a long transaction would, piles the requests up.
            with svc.database.write_lock():
                futures = [pool.submit(send, request) for request in requests]
                threading.Event().wait(2.0)
        else:
            futures = [pool.submit(send, request) for request in requests]
        answers = [future.result() for future in futures]

    by_delivery: dict[str, list[dict[str, Any]]] = {}
    for answer in answers:
        by_delivery.setdefault(answer["delivery"], []).append(answer)
    for delivery in deliveries:
        statuses = sorted(answer["status"] for answer in by_delivery[delivery])
        assert statuses == ["accepted", "duplicate"]
        assert by_delivery[delivery][0]["runs"] == by_delivery[delivery][1]["runs"]
    with svc.database.session() as session:
        assert len(session.scalars(select(Run.id)).all()) == len(deliveries)
    if svc.database.engine.dialect.name == "sqlite":
        # Piled up behind the lock, they are written in a few transactions, not 48.
        assert len(commits) <= len(requests) / 4, f"{len(commits)} commits for {len(requests)} deliveries"


def test_a_delivery_that_cannot_be_recorded_fails_alone(svc: Services, target: HookTarget) -> None:
    # The repository was deleted between the look-up and the recording.
    gone = HookTarget(target.id + 1000, target.tenant_id, target.forge, SECRET)
    outcomes: dict[str, Recorded | Exception] = {}

    def deliver(name: str, where: HookTarget) -> None:
        try:
            with svc.deliveries.announce() as announced:
                outcomes[name] = announced.record(where, push(name, "refs/heads/main", sha(name)))
        except RecordingFailed as exc:
            outcomes[name] = exc

    threads = [threading.Thread(target=deliver, args=args) for args in (("good", target), ("bad", gone))]
    with svc.database.write_lock():
        for thread in threads:
            thread.start()
        threading.Event().wait(0.5)
    for thread in threads:
        thread.join()
    assert isinstance(outcomes["bad"], RecordingFailed)
    good = outcomes["good"]
    assert isinstance(good, Recorded) and good.outcome == "accepted"
    assert run_state(svc, good.run_ids[0])[0] == "queued"


def test_a_delivery_recorded_while_the_queue_is_down_is_enqueued_later(
    svc: Services, target: HookTarget, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def queue_down(*_args: object) -> None:
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(svc.queue.huey, "enqueue", queue_down)
    body, headers = _signed(str(uuid.uuid4()), 1)
    response = client.post("/webhooks/acme/erp", data=body, headers=headers)
    # Recorded is recorded: the forge must not send it again for nothing.
    assert response.status_code == 202, response.get_json()
    [run_id] = response.get_json()["runs"]
    monkeypatch.undo()
    assert drain(svc) == 0

    # Younger than the grace period, it may still be on its way to the queue.
    assert svc.queue.enqueue_orphans() == []
    svc.queue.settings = dataclasses.replace(svc.queue.settings, enqueue_grace_seconds=0)
    assert svc.queue.enqueue_orphans() == [run_id]
    # Its message is in the queue now, so a second look adds none.
    assert svc.queue.enqueue_orphans() == []
    assert drain(svc) == 1
    assert run_state(svc, run_id)[0] != "queued"
