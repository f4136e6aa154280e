"""The webhook settings of mirrored repositories, as each delivery needs them, read from
the database at most once per ``webhook_settings_seconds`` per process.

Reading them is a query and a connection checkout on every delivery, a good part of
the endpoint's cost under load. The price of keeping them a moment: a changed webhook
secret or a deleted repository takes that long to apply in each web process. A
repository that is not found is never kept, so a new one answers at once.
"""

from __future__ import annotations

import time

from protheus_ci.db.engine import Database
from protheus_ci.webhooks.record import HookTarget, find_target


class HookTargets:
    def __init__(self, database: Database, keep_seconds: float) -> None:
        self._database = database
        self._keep_seconds = keep_seconds
        # Only found repositories are kept, so the size is bounded by theirs. A dict's
        # get and set are atomic, which is all the request threads need.
        self._kept: dict[tuple[str, str], tuple[HookTarget, float]] = {}

    def find(self, tenant: str, name: str) -> HookTarget | None:
        key = (tenant, name)
        now = time.monotonic()
        kept = self._kept.get(key)
        if kept is not None and now - kept[1] < self._keep_seconds:
            return kept[0]
        with self._database.engine.connect() as connection:
            target = find_target(connection, tenant, name)
        if target is None:
            self._kept.pop(key, None)
        else:
            self._kept[key] = (target, now)
        return target
