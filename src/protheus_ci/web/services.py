"""What the request handlers share: settings, database and queue, kept on the app."""

from __future__ import annotations

import dataclasses

from flask import current_app

from protheus_ci.config import Settings
from protheus_ci.db.engine import Database
from protheus_ci.queue.tasks import TaskQueue
from protheus_ci.webhooks.ingest import DeliveryRecorder
from protheus_ci.webhooks.targets import HookTargets

EXTENSION_KEY = "protheus_ci"


@dataclasses.dataclass
class Services:
    settings: Settings
    database: Database
    queue: TaskQueue
    deliveries: DeliveryRecorder
    hook_targets: HookTargets

    @classmethod
    def open(cls, settings: Settings, database: Database) -> Services:
        queue = TaskQueue(settings, database)
        return cls(
            settings,
            database,
            queue,
            DeliveryRecorder(database, queue, settings.cancel_previous),
            HookTargets(database, settings.webhook_settings_seconds),
        )


def services() -> Services:
    found: Services = current_app.extensions[EXTENSION_KEY]
    return found
