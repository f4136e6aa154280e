"""Turn a verified delivery into database rows: a delivery record and, for pushes, runs.
Nothing else happens in the request: the worker does all git work."""

from __future__ import annotations

import dataclasses

from sqlalchemy import Connection, bindparam, insert, select
from sqlalchemy.exc import IntegrityError

from protheus_ci.db.models import Delivery as DeliveryRow
from protheus_ci.db.models import Repository, Tenant
from protheus_ci.pipeline.create import runs_for_push
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


def find_target(connection: Connection, tenant: str, name: str) -> HookTarget | None:
    row = connection.execute(_FIND_TARGET, {"p_tenant": tenant, "p_name": name}).first()
    return HookTarget(row.id, row.tenant_id, row.forge, row.webhook_secret) if row else None


@dataclasses.dataclass(frozen=True)
class Recorded:
    # "accepted", "ignored" or "duplicate".
    outcome: str
    run_ids: tuple[int, ...]
    note: str = ""


def record(connection: Connection, target: HookTarget, delivery: Delivery, cancel_previous: bool) -> Recorded:
    """Commits; the caller enqueues ``run_ids`` only when the outcome is "accepted".
    Core statements on a Connection, not ORM objects: this is the hot path of ingestion."""
    # No look-up first: the unique (repository, delivery id) index is the check, and a
    # repeated delivery, the rare case, pays for it with a rollback.
    run_ids: list[int] = []
    if delivery.updates:
        updates = [(update.before, update.after, update.ref) for update in delivery.updates]
        run_ids = runs_for_push(connection, target, updates, "webhook", cancel_previous)
    outcome = "accepted" if run_ids else "ignored"
    note = delivery.ignored or ("" if run_ids else "no revision to build (ref deleted)")
    try:
        connection.execute(
            _INSERT_DELIVERY,
            {
                "repository_id": target.id,
                "delivery_id": delivery.delivery_id,
                "event": delivery.event,
                "outcome": outcome,
                "note": note,
                "run_id": run_ids[0] if run_ids else None,
            },
        )
        connection.commit()
    except IntegrityError:
        # This delivery id was seen before (or is being recorded by another request right
        # now): the first one stands, and the runs made here go with the rollback.
        connection.rollback()
        found = _find(connection, target.id, delivery.delivery_id)
        assert found is not None  # the conflict proves it exists
        return found
    return Recorded(outcome, tuple(run_ids), note)


def _find(connection: Connection, repository_id: int, delivery_id: str) -> Recorded | None:
    """The earlier delivery with this id, as a duplicate."""
    row = connection.execute(
        select(DeliveryRow.run_id, DeliveryRow.note).where(
            DeliveryRow.repository_id == repository_id, DeliveryRow.delivery_id == delivery_id
        )
    ).first()
    if row is None:
        return None
    return Recorded("duplicate", (row.run_id,) if row.run_id else (), row.note)
