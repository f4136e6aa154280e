"""Turn verified deliveries into database rows: a delivery record each and, for pushes,
runs. Nothing else happens in the request: the worker does all git work."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, insert, select

from protheus_ci.db.models import Delivery as DeliveryRow
from protheus_ci.db.models import Repository, Tenant
from protheus_ci.pipeline.create import runs_for_pushes
from protheus_ci.webhooks.base import Delivery


@dataclasses.dataclass(frozen=True)
class HookTarget:
    """The few columns of a mirrored repository that a delivery needs."""

    id: int
    tenant_id: int
    forge: str
    webhook_secret: str = dataclasses.field(repr=False)


# Built once: statement construction costs more than the query on this hot path.
_FIND_TARGET = (
    select(Repository.id, Repository.tenant_id, Repository.forge, Repository.webhook_secret)
    .join(Tenant)
    .where(Tenant.slug == bindparam("p_tenant"), Repository.name == bindparam("p_name"))
)
_INSERT_DELIVERY = insert(DeliveryRow)
_FIND_DELIVERIES = select(
    DeliveryRow.repository_id, DeliveryRow.delivery_id, DeliveryRow.run_id, DeliveryRow.note
).where(
    DeliveryRow.repository_id.in_(bindparam("p_repositories", expanding=True)),
    DeliveryRow.delivery_id.in_(bindparam("p_deliveries", expanding=True)),
)


def find_target(connection: Connection, tenant: str, name: str) -> HookTarget | None:
    row = connection.execute(_FIND_TARGET, {"p_tenant": tenant, "p_name": name}).first()
    return HookTarget(row.id, row.tenant_id, row.forge, row.webhook_secret) if row else None


@dataclasses.dataclass(frozen=True)
class Recorded:
    # "accepted", "ignored" or "duplicate".
    outcome: str
    run_ids: tuple[int, ...]
    note: str = ""


# (repository id, delivery id): what makes a delivery unique.
_Key = tuple[int, str]


def record(
    connection: Connection, batch: Sequence[tuple[HookTarget, Delivery]], cancel_previous: bool, look_up: bool
) -> list[Recorded]:
    """Records deliveries in one transaction and commits it; returns what became of each.
    The caller enqueues the runs of the "accepted" ones. Recording several at once is how
    concurrent requests share one commit (see ``ingest``); the outcome is that of
    recording them one by one, in order.

    With ``look_up``, deliveries recorded before are found first and answered as
    duplicates. Without it, the unique index is the only check, which saves a query when
    repeats are rare and cost a rollback: raises ``IntegrityError``, with nothing
    recorded, if a delivery of the batch was recorded before. So does a delivery recorded
    meanwhile by a writer this one did not wait for (PostgreSQL lets writers run side by
    side); recorded again with ``look_up``, it is then found as a duplicate."""
    earlier = _recorded_before(connection, batch) if look_up else {}
    firsts: dict[_Key, int] = {}
    for index, (target, delivery) in enumerate(batch):
        key = (target.id, delivery.delivery_id)
        if key not in earlier:
            firsts.setdefault(key, index)
    new = list(firsts.values())
    pushes = [(batch[index][0], [(u.before, u.after, u.ref) for u in batch[index][1].updates]) for index in new]
    made: dict[int, Recorded] = {}
    for index, run_ids in zip(new, runs_for_pushes(connection, pushes, "webhook", cancel_previous), strict=True):
        note = batch[index][1].ignored or ("" if run_ids else "no revision to build (ref deleted)")
        made[index] = Recorded("accepted" if run_ids else "ignored", tuple(run_ids), note)
    if made:
        connection.execute(_INSERT_DELIVERY, [_delivery_row(*batch[index], made[index]) for index in new])
    connection.commit()
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


def _delivery_row(target: HookTarget, delivery: Delivery, recorded: Recorded) -> dict[str, object]:
    return {
        "repository_id": target.id,
        "delivery_id": delivery.delivery_id,
        "event": delivery.event,
        "outcome": recorded.outcome,
        "note": recorded.note,
        "run_id": recorded.run_ids[0] if recorded.run_ids else None,
    }


def _recorded_before(connection: Connection, batch: Sequence[tuple[HookTarget, Delivery]]) -> dict[_Key, Recorded]:
    """The deliveries of the batch already recorded, answered as duplicates. One query
    for the batch; the few rows of other repositories it may find are left out."""
    keys = {(target.id, delivery.delivery_id) for target, delivery in batch}
    rows = connection.execute(
        _FIND_DELIVERIES,
        {"p_repositories": list({key[0] for key in keys}), "p_deliveries": list({key[1] for key in keys})},
    )
    return {
        (row.repository_id, row.delivery_id): Recorded("duplicate", (row.run_id,) if row.run_id else (), row.note)
        for row in rows
        if (row.repository_id, row.delivery_id) in keys
    }
