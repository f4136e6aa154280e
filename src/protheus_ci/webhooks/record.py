"""Turn verified deliveries into database rows: a delivery record each and, for pushes,
runs. Nothing else happens in the request: the worker does all git work."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy import Connection

from protheus_ci.db.driver_sql import DriverCursor
from protheus_ci.db.models import utcnow
from protheus_ci.db.sealed import box_of
from protheus_ci.pipeline.create import Push, runs_for_pushes
from protheus_ci.webhooks.base import Delivery


@dataclasses.dataclass(frozen=True)
class HookTarget:
    """The few columns of a mirrored repository that a delivery needs."""

    id: int
    tenant_id: int
    forge: str
    webhook_secret: str = dataclasses.field(repr=False)


# Driver SQL (see ``db.driver_sql``): this is the hot path of ingestion.
_FIND_TARGET = (
    "SELECT repositories.id, repositories.tenant_id, repositories.forge, repositories.webhook_secret"
    " FROM repositories JOIN tenants ON tenants.id = repositories.tenant_id"
    " WHERE tenants.slug = ? AND repositories.name = ?"
)
_FIND_DELIVERY = "SELECT run_id, note FROM deliveries WHERE repository_id = ? AND delivery_id = ?"
_INSERT_DELIVERY = (
    "INSERT INTO deliveries (repository_id, delivery_id, event, outcome, note, run_id, received_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def find_target(connection: Connection, tenant: str, name: str) -> HookTarget | None:
    row = DriverCursor.joining(connection).execute(_FIND_TARGET, (tenant, name)).fetchone()
    if row is None:
        return None
    repository_id, tenant_id, forge, sealed_secret = row
    # Read past the ORM, so opened here (see ``db.sealed``).
    return HookTarget(repository_id, tenant_id, forge, box_of(connection.dialect).open(sealed_secret))


@dataclasses.dataclass(frozen=True)
class Recorded:
    # "accepted", "ignored" or "duplicate".
    outcome: str
    run_ids: tuple[int, ...]
    note: str = ""


# (repository id, delivery id): what makes a delivery unique.
_Key = tuple[int, str]


def record(cursor: DriverCursor, batch: Sequence[tuple[HookTarget, Delivery]], cancel_previous: bool) -> list[Recorded]:
    """Records deliveries in one transaction and commits it; returns what became of each.
    The caller enqueues the runs of the "accepted" ones. Recording several at once is how
    concurrent requests share one commit (see ``ingest``); the outcome is that of
    recording them one by one, in order. Deliveries recorded before are answered as
    duplicates.

    Raises the driver's ``IntegrityError``, with nothing recorded, when a delivery of the batch was
    recorded meanwhile by a writer this one did not wait for (PostgreSQL lets writers run
    side by side); recorded again, that delivery is then found as a duplicate."""
    earlier = _recorded_before(cursor, batch)
    firsts: dict[_Key, int] = {}
    for index, (target, delivery) in enumerate(batch):
        key = (target.id, delivery.delivery_id)
        if key not in earlier:
            firsts.setdefault(key, index)
    new = list(firsts.values())
    pushes = [_push(*batch[index]) for index in new]
    made: dict[int, Recorded] = {}
    for index, run_ids in zip(new, runs_for_pushes(cursor, pushes, "webhook", cancel_previous), strict=True):
        note = batch[index][1].ignored or ("" if run_ids else "no revision to build (ref deleted)")
        made[index] = Recorded("accepted" if run_ids else "ignored", tuple(run_ids), note)
    if made:
        received = cursor.timestamp(utcnow())
        cursor.executemany(_INSERT_DELIVERY, [_delivery_row(*batch[index], made[index], received) for index in new])
    cursor.connection.commit()
    results = []
    for index, (target, delivery) in enumerate(batch):
        key = (target.id, delivery.delivery_id)
        if index in made:
            results.append(made[index])
        elif key in earlier:
            results.append(earlier[key])
        else:
            # Repeated within the batch: answered like any repeat, with the first run.
            first = made[firsts[key]]
            results.append(Recorded("duplicate", first.run_ids[:1], first.note))
    return results


def _push(target: HookTarget, delivery: Delivery) -> Push:
    updates = [(update.before, update.after, update.ref) for update in delivery.updates]
    return Push(target, updates, delivery.pusher)


def _delivery_row(target: HookTarget, delivery: Delivery, recorded: Recorded, received: object) -> tuple[object, ...]:
    run_id = recorded.run_ids[0] if recorded.run_ids else None
    return (target.id, delivery.delivery_id, delivery.event, recorded.outcome, recorded.note, run_id, received)


def _recorded_before(cursor: DriverCursor, batch: Sequence[tuple[HookTarget, Delivery]]) -> dict[_Key, Recorded]:
    """The deliveries of the batch already recorded, answered as duplicates."""
    found = {}
    for key in {(target.id, delivery.delivery_id) for target, delivery in batch}:
        row = cursor.execute(_FIND_DELIVERY, key).fetchone()
        if row is not None:
            run_id, note = row
            found[key] = Recorded("duplicate", (run_id,) if run_id else (), note)
    return found
