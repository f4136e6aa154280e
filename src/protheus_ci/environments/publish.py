"""Publish a verified artifact to an environment: atomic, idempotent, serialized, recorded."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from protheus_ci.artifacts import TrustedKey, VerifiedArtifact, verify_package
from protheus_ci.environments.crashpoints import crash_point
from protheus_ci.environments.durable import fsync_dir, fsync_file, locked, write_file
from protheus_ci.environments.model import Environment, PublishError, Release, TargetType
from protheus_ci.environments.store import EnvironmentStore

# Applies a release's package to an AppServer (tdscli patchApply); builtin targets need none.
AppServerApply = Callable[[Environment, Path], None]


@dataclass(frozen=True, slots=True)
class PublishOutcome:
    release: Release
    changed: bool  # False when the artifact was already the current release


def _install(store: EnvironmentStore, artifact: VerifiedArtifact) -> Release:
    """The release folder for ``artifact``, built under a staging name then renamed in.

    The verified package itself is the release's custom object repository: one file, like
    the AppServer's RPO, so installing costs one copy and one fsync however many units.
    """
    manifest = artifact.manifest
    release = Release(
        artifact.digest[:20],
        artifact.digest,
        manifest["repository"],
        manifest["commit"],
        manifest["buildNumber"],
    )
    final = store.releases / release.id
    if final.exists():
        return release  # installed before (a later rollback moved away from it)
    staging = store.releases / f".staging-{uuid.uuid4().hex}"
    staging.mkdir()
    shutil.copyfile(artifact.path, staging / "artifact.zip")
    crash_point("artifact-copied")
    write_file(staging / "release.json", json.dumps(release.to_json(), indent=1).encode())
    fsync_file(staging / "artifact.zip")
    fsync_dir(staging)
    crash_point("release-synced")
    os.rename(staging, final)
    fsync_dir(store.releases)
    crash_point("release-renamed")
    return release


def publish(
    store: EnvironmentStore,
    package: Path,
    trusted: list[TrustedKey],
    run_id: str = "",
    apply: AppServerApply | None = None,
    action: str = "publish",
    **details: str,
) -> PublishOutcome:
    artifact = verify_package(package, trusted)
    crash_point("verified")
    with locked(store.lock_path):
        crash_point("locked")
        store.recover()
        current = store.current()
        if current is not None and current.digest == artifact.digest:
            return PublishOutcome(current, changed=False)
        release = _install(store, artifact)
        if store.environment.target is TargetType.APPSERVER:
            if apply is None:
                raise PublishError(f"environment {store.environment.name!r} needs an AppServer connection")
            apply(store.environment, store.artifact_path(release))
        store.switch(release)
        store.record(action, release, run_id, **details)
        crash_point("history-appended")
        return PublishOutcome(release, changed=True)
