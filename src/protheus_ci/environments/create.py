"""Create an environment, optionally as a clone of another one's current release."""

from __future__ import annotations

from pathlib import Path

from protheus_ci.artifacts import TrustedKey
from protheus_ci.environments.model import Environment, EnvironmentKind, PublishError, TargetType
from protheus_ci.environments.publish import publish
from protheus_ci.environments.store import EnvironmentStore, create_folder


def create_environment(
    data: Path,
    tenant: str,
    name: str,
    kind: EnvironmentKind,
    target: TargetType = TargetType.BUILTIN,
    appserver: dict[str, str] | None = None,
    clone_from: str | None = None,
    trusted: list[TrustedKey] | None = None,
) -> EnvironmentStore:
    source = EnvironmentStore(data, tenant, clone_from) if clone_from else None
    release = source.current() if source else None
    if source is not None and release is None:
        raise PublishError(f"environment {clone_from!r} has no release to clone")
    create_folder(data, Environment(tenant, name, kind, target, appserver or {}))
    store = EnvironmentStore(data, tenant, name)
    if source is not None and release is not None:
        publish(
            store,
            source.artifact_path(release),
            trusted or [],
            action="clone",
            source=source.environment.name,
        )
    return store
