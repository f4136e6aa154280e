"""Promotion: the very artifact (same bytes, same digest) moves forward, never rebuilt."""

from __future__ import annotations

from protheus_ci.artifacts import TrustedKey
from protheus_ci.environments.model import PublishError
from protheus_ci.environments.publish import AppServerApply, PublishOutcome, publish
from protheus_ci.environments.store import EnvironmentStore


def promote(
    source: EnvironmentStore,
    target: EnvironmentStore,
    trusted: list[TrustedKey],
    run_id: str = "",
    apply: AppServerApply | None = None,
) -> PublishOutcome:
    if target.environment.kind.rank <= source.environment.kind.rank:
        raise PublishError(
            f"promotion goes forward only: {source.environment.kind} -> {target.environment.kind} is not"
        )
    release = source.current()
    if release is None:
        raise PublishError(f"environment {source.environment.name!r} has no release to promote")
    outcome = publish(
        target,
        source.artifact_path(release),
        trusted,
        run_id,
        apply,
        action="promote",
        source=source.environment.name,
    )
    if outcome.release.digest != release.digest:  # verify_package recomputed it from the bytes
        raise PublishError("promoted artifact changed in transit")
    return outcome
