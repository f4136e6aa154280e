"""Roll an environment back to an earlier release: one pointer switch, recorded."""

from __future__ import annotations

from protheus_ci.environments.durable import locked
from protheus_ci.environments.model import PublishError, Release
from protheus_ci.environments.store import EnvironmentStore


def previous_release(store: EnvironmentStore, current: Release) -> Release:
    """The release the environment was on before the current one."""
    for entry in reversed(store.history()):
        if entry["release"] != current.id:
            return store.release(entry["release"])
    raise PublishError(f"environment {store.environment.name!r} has no earlier release")


def rollback(store: EnvironmentStore, to: str | None = None, run_id: str = "") -> Release:
    with locked(store.lock_path):
        store.recover()
        current = store.current()
        if current is None:
            raise PublishError(f"environment {store.environment.name!r} has no release yet")
        target = store.find_release(to) if to else previous_release(store, current)
        if target.id != current.id:
            store.switch(target)
            store.record("rollback", target, run_id, **{"from": current.id})
        return target
