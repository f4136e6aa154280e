"""An environment on disk, and the one place that moves its ``current`` pointer.

Layout of ``<data>/tenants/<tenant>/environments/<name>/``::

    environment.json      name, kind, target
    releases/<id>/        one folder per installed artifact: artifact.zip (its custom object
                          repository) and release.json
    current               symlink to releases/<id>: THE state of the environment
    history.jsonl         one line per publish, rollback, promotion or clone
    lock                  flock: one operation per environment at a time

A release folder is built under a temporary name and renamed into place when complete,
and ``current`` is swapped with a rename of a new symlink: a process killed at any
point leaves ``current`` on the old release or on the new one.
"""

from __future__ import annotations

import getpass
import json
import os
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

from protheus_ci.artifacts import read_manifest
from protheus_ci.environments.crashpoints import crash_point
from protheus_ci.environments.durable import append_line, fsync_dir, replace_json
from protheus_ci.environments.model import Environment, PublishError, Release, check_name

ACTOR_ENV = "PROTHEUS_CI_ACTOR"


def tenant_dir(data: Path, tenant: str) -> Path:
    return data / "tenants" / check_name(tenant) / "environments"


class EnvironmentStore:
    def __init__(self, data: Path, tenant: str, name: str) -> None:
        self.folder = tenant_dir(data, tenant) / check_name(name)
        if not (self.folder / "environment.json").exists():
            raise PublishError(f"no environment {name!r} for tenant {tenant!r}")
        self.environment = Environment.from_json(json.loads((self.folder / "environment.json").read_text()))

    @property
    def releases(self) -> Path:
        return self.folder / "releases"

    @property
    def lock_path(self) -> Path:
        return self.folder / "lock"

    @property
    def history_path(self) -> Path:
        return self.folder / "history.jsonl"

    def current(self) -> Release | None:
        pointer = self.folder / "current"
        if not pointer.is_symlink():
            return None
        return self.release(Path(os.readlink(pointer)).name)

    def release(self, release_id: str) -> Release:
        path = self.releases / release_id / "release.json"
        if not path.exists():
            raise PublishError(f"no release {release_id!r} in environment {self.environment.name!r}")
        return Release.from_json(json.loads(path.read_text()))

    def find_release(self, reference: str) -> Release:
        """A release by id or by any unambiguous prefix of its id or digest."""
        found = (
            [
                r
                for r in (self.release(p.name) for p in self.releases.iterdir() if not p.name.startswith("."))
                if r.id.startswith(reference) or r.digest.startswith(reference)
            ]
            if self.releases.exists() and reference
            else []
        )
        if len(found) != 1:
            raise PublishError(
                f"{'no' if not found else 'more than one'} release matches {reference!r} "
                f"in environment {self.environment.name!r}"
            )
        return found[0]

    def artifact_path(self, release: Release) -> Path:
        return self.releases / release.id / "artifact.zip"

    def published_functions(self) -> dict[str, str]:
        """Public functions of the current release, with the source that defines each."""
        current = self.current()
        if current is None:
            return {}
        functions = read_manifest(self.artifact_path(current))["symbols"]["functions"]
        return {f["name"]: f["source"] for f in functions if f["kind"] == "function"}

    def history(self) -> list[dict[str, Any]]:
        if not self.history_path.exists():
            return []
        return [json.loads(line) for line in self.history_path.read_text().splitlines() if line.strip()]

    # -- changes (the caller holds the lock) ------------------------------------------
    def switch(self, release: Release) -> None:
        """Point ``current`` at ``release`` with one rename."""
        staging = self.folder / f".current-{uuid.uuid4().hex}"
        os.symlink(Path("releases") / release.id, staging)
        crash_point("pointer-created")
        os.replace(staging, self.folder / "current")
        fsync_dir(self.folder)
        crash_point("pointer-switched")

    def record(self, action: str, release: Release, run_id: str = "", **details: str) -> dict[str, Any]:
        entry = {
            "action": action,
            "release": release.id,
            "digest": release.digest,
            "commit": release.commit,
            "build": release.build_number,
            "who": os.environ.get(ACTOR_ENV) or getpass.getuser(),
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "run": run_id,
            **details,
        }
        append_line(self.history_path, entry)
        return entry

    def recover(self) -> None:
        """Repair what a killed process may have left: staging files, an unrecorded switch."""
        for leftover in self.folder.glob(".current-*"):
            leftover.unlink()
        if self.releases.exists():
            for leftover in self.releases.glob(".staging-*"):
                shutil.rmtree(leftover)
        current = self.current()
        history = self.history()
        if current is not None and (not history or history[-1]["release"] != current.id):
            # The switch happened but its history line did not: the switch is the truth.
            self.record("recovered", current)


def create_folder(data: Path, environment: Environment) -> Path:
    """Create the environment's folder atomically (a half-created one is never seen)."""
    parent = tenant_dir(data, environment.tenant)
    parent.mkdir(parents=True, exist_ok=True)
    folder = parent / environment.name
    if folder.exists():
        raise PublishError(f"environment {environment.name!r} already exists")
    staging = parent / f".staging-{uuid.uuid4().hex}"
    (staging / "releases").mkdir(parents=True)
    replace_json(staging / "environment.json", environment.to_json())
    try:
        os.rename(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging)
        raise PublishError(f"environment {environment.name!r} already exists") from exc
    fsync_dir(parent)
    return folder


def list_environments(data: Path, tenant: str) -> list[Environment]:
    parent = tenant_dir(data, tenant)
    if not parent.exists():
        return []
    return [
        Environment.from_json(json.loads((p / "environment.json").read_text()))
        for p in sorted(parent.iterdir())
        if (p / "environment.json").exists()
    ]
