"""Publishing to builtin targets: atomic, idempotent, serialized, recorded, reversible."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from protheus_ci.artifacts import SigningKey, read_units, verify_package
from protheus_ci.environments import (
    EnvironmentKind,
    EnvironmentStore,
    PublishError,
    create_environment,
    list_environments,
    promote,
    publish,
    rollback,
)
from protheus_ci.environments.crashpoints import CRASH_ENV, PUBLISH_STEPS

MakeArtifact = Callable[[str], Path]


def _env(data: Path, name: str = "tst", kind: EnvironmentKind = EnvironmentKind.TEST) -> EnvironmentStore:
    return create_environment(data, "acme", name, kind)


def _served_text(store: EnvironmentStore) -> bytes:
    """What the environment's custom object repository serves right now."""
    return read_units(store.folder / "current" / "artifact.zip")["fat001.prw.ppo"]


def test_publish_installs_the_objects_and_records_history(
    data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    store = _env(data)
    package = make_artifact("v1")
    outcome = publish(store, package, [key.trusted], run_id="run-1")
    assert outcome.changed
    assert b"Return 'v1'" in _served_text(store)
    assert store.current() == outcome.release
    [entry] = store.history()
    assert entry["action"] == "publish"
    assert (entry["release"], entry["run"]) == (outcome.release.id, "run-1")
    assert entry["who"] and entry["when"].endswith("Z")
    assert (
        verify_package(store.artifact_path(outcome.release), [key.trusted]).digest == outcome.release.digest
    )


def test_publishing_the_same_artifact_twice_is_a_no_op(
    data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    store = _env(data)
    package = make_artifact("v1")
    first = publish(store, package, [key.trusted])
    second = publish(store, package, [key.trusted])
    assert not second.changed
    assert second.release == first.release
    assert len(store.history()) == 1


def test_unverifiable_artifact_never_reaches_the_environment(
    data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    store = _env(data)
    publish(store, make_artifact("v1"), [key.trusted])
    foreign = make_artifact("v2")
    with pytest.raises(Exception, match="not signed by a trusted key"):
        publish(store, foreign, [SigningKey.generate().trusted])
    assert b"v1" in _served_text(store)


def test_rollback_to_previous_and_to_a_named_release(
    data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    store = _env(data)
    v1 = publish(store, make_artifact("v1"), [key.trusted]).release
    publish(store, make_artifact("v2"), [key.trusted])
    v3 = publish(store, make_artifact("v3"), [key.trusted]).release
    assert rollback(store) != v3
    assert b"v2" in _served_text(store)
    assert rollback(store, to=v1.id[:8]) == v1
    assert b"v1" in _served_text(store)
    actions = [(e["action"], e.get("from")) for e in store.history()]
    assert actions[-2:] == [("rollback", v3.id), ("rollback", store.history()[-2]["release"])]
    # Publishing the newest artifact again reuses its installed release.
    assert publish(store, store.artifact_path(v3), [key.trusted]).release == v3


def test_rollback_without_an_earlier_release_is_refused(
    data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    store = _env(data)
    with pytest.raises(PublishError, match="no release yet"):
        rollback(store)
    publish(store, make_artifact("v1"), [key.trusted])
    with pytest.raises(PublishError, match="no earlier release"):
        rollback(store)


def test_promotion_moves_the_same_digest_forward_only(
    data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    homologation = _env(data, "hml", EnvironmentKind.HOMOLOGATION)
    production = _env(data, "prd", EnvironmentKind.PRODUCTION)
    release = publish(homologation, make_artifact("v1"), [key.trusted]).release
    outcome = promote(homologation, production, [key.trusted], run_id="run-9")
    assert outcome.release.digest == release.digest
    assert (
        production.artifact_path(outcome.release).read_bytes()
        == homologation.artifact_path(release).read_bytes()
    )
    assert production.history()[-1]["action"] == "promote"
    assert production.history()[-1]["source"] == "hml"
    with pytest.raises(PublishError, match="forward only"):
        promote(production, homologation, [key.trusted])


def test_new_test_environment_clones_the_current_release(
    data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    production = _env(data, "prd", EnvironmentKind.PRODUCTION)
    release = publish(production, make_artifact("v1"), [key.trusted]).release
    clone = create_environment(
        data, "acme", "tst2", EnvironmentKind.TEST, clone_from="prd", trusted=[key.trusted]
    )
    assert clone.current() == release
    assert clone.history()[-1]["action"] == "clone"
    assert [e.name for e in list_environments(data, "acme")] == ["prd", "tst2"]
    with pytest.raises(PublishError, match="already exists"):
        _env(data, "prd")


def test_concurrent_publishes_to_one_environment_are_serialized(
    data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    store = _env(data)
    packages = [make_artifact(f"v{n}") for n in range(4)]
    processes = [_publisher(data, package) for package in packages]
    assert [p.wait(timeout=60) for p in processes] == [0, 0, 0, 0]
    history = store.history()
    assert len(history) == 4
    assert store.current() is not None
    assert store.current().id == history[-1]["release"]  # type: ignore[union-attr]


_PUBLISHER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from protheus_ci.artifacts import service_key
    from protheus_ci.environments import EnvironmentStore, publish
    data = Path(sys.argv[1])
    publish(EnvironmentStore(data, "acme", "tst"), Path(sys.argv[2]), [service_key(data).trusted])
    """
)


def _publisher(data: Path, package: Path, crash_at: str | None = None) -> subprocess.Popen[bytes]:
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    if crash_at:
        environ[CRASH_ENV] = crash_at
    return subprocess.Popen([sys.executable, "-c", _PUBLISHER, str(data), str(package)], env=environ)


@pytest.mark.parametrize("step", PUBLISH_STEPS)
def test_killed_at_any_step_the_environment_is_on_old_or_new(
    step: str, data: Path, key: SigningKey, make_artifact: MakeArtifact
) -> None:
    store = _env(data)
    old = publish(store, make_artifact("old"), [key.trusted]).release
    new_package = make_artifact("new")
    assert _publisher(data, new_package, crash_at=step).wait(timeout=60) == 86
    current = store.current()
    assert current is not None
    new_digest = verify_package(new_package, [key.trusted]).digest
    assert current.digest in (old.digest, new_digest)
    expected = b"'old'" if current.digest == old.digest else b"'new'"
    assert expected in _served_text(store)
    # The next operation finds a consistent environment and completes the change.
    outcome = publish(store, new_package, [key.trusted])
    assert store.current() == outcome.release
    assert b"'new'" in _served_text(store)
    assert store.history()[-1]["release"] == outcome.release.id
    assert not list(store.folder.glob(".current-*"))
    assert not list(store.releases.glob(".staging-*"))
