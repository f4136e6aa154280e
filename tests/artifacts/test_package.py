"""Packages: build, sign, verify; and every way a package must be refused."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from protheus_ci.artifacts import (
    ArtifactError,
    BuildInfo,
    SigningKey,
    build_package,
    read_units,
    service_key,
    verify_package,
)
from protheus_ci.compiler_bridge.builtin.backend import BuiltinBackend
from protheus_ci.compiler_bridge.fake import FakeBackend
from protheus_ci.compiler_bridge.types import CompileRequest, CompileResult

INFO = BuildInfo("acme", "https://git.example/acme/erp", "0123abc", 7, "passed", "run-42")


@pytest.fixture
def compiled(tmp_path: Path) -> CompileResult:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "fat001.prw").write_bytes(b'User Function FAT001()\r\nReturn "Fatura\xe7\xe3o"\r\n')
    (root / "api.tlpp").write_bytes(b'@Get("/api/v1/clientes")\nUser Function ApiCli()\nReturn\n')
    (root / "cls.prw").write_bytes(b"Class Pedido\nEndClass\nMethod New() Class Pedido\nReturn Self\n")
    return BuiltinBackend().compile(CompileRequest(root, ["api.tlpp", "cls.prw", "fat001.prw"]))


@pytest.fixture
def key() -> SigningKey:
    return SigningKey.generate()


def test_package_verifies_and_carries_the_manifest(
    tmp_path: Path, compiled: CompileResult, key: SigningKey
) -> None:
    path = tmp_path / "out" / "build.zip"
    digest = build_package(compiled, INFO, key, path)
    artifact = verify_package(path, [key.trusted])
    assert artifact.digest == digest
    manifest = artifact.manifest
    assert (manifest["tenant"], manifest["commit"], manifest["buildNumber"]) == ("acme", "0123abc", 7)
    assert manifest["backend"]["name"] == "builtin"
    assert manifest["qualityGate"] == "passed"
    fat = next(s for s in manifest["sources"] if s["path"] == "fat001.prw")
    data = b'User Function FAT001()\r\nReturn "Fatura\xe7\xe3o"\r\n'
    assert fat == {"path": "fat001.prw", "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    names = {kind: [s["name"] for s in items] for kind, items in manifest["symbols"].items()}
    assert names == {
        "functions": ["U_APICLI", "U_FAT001"],
        "classes": ["PEDIDO"],
        "methods": ["PEDIDO:NEW"],
        "routes": ["GET /api/v1/clientes"],
    }
    units = artifact.units()
    assert set(units) == {"api.tlpp.ppo", "cls.prw.ppo", "fat001.prw.ppo"}
    assert "Fatura\xe7\xe3o".encode("cp1252") in units["fat001.prw.ppo"]


def test_provenance_is_an_in_toto_statement_with_slsa_predicate(
    tmp_path: Path, compiled: CompileResult, key: SigningKey
) -> None:
    path = tmp_path / "build.zip"
    digest = build_package(compiled, INFO, key, path)
    with zipfile.ZipFile(path) as archive:
        envelope = json.loads(archive.read("provenance.dsse.json"))
    assert envelope["payloadType"] == "application/vnd.in-toto+json"
    assert envelope["signatures"][0]["keyid"] == key.keyid
    statement = json.loads(base64.b64decode(envelope["payload"]))
    assert statement["_type"] == "https://in-toto.io/Statement/v1"
    assert statement["subject"] == [{"name": "erp-7", "digest": {"sha256": digest}}]
    assert statement["predicateType"] == "https://slsa.dev/provenance/v1"
    predicate = statement["predicate"]
    assert predicate["buildDefinition"]["externalParameters"]["commit"] == "0123abc"
    assert predicate["runDetails"]["builder"]["id"]
    [dependency] = predicate["buildDefinition"]["resolvedDependencies"]
    assert dependency["digest"] == {"gitCommit": "0123abc"}


def test_same_build_gives_the_same_digest(tmp_path: Path, compiled: CompileResult, key: SigningKey) -> None:
    first = build_package(compiled, INFO, key, tmp_path / "a.zip")
    second = build_package(compiled, INFO, key, tmp_path / "b.zip")
    assert first == second


def _hacked_units(package: Path) -> bytes:
    """The package's units with one of them rewritten, as a well-formed tar."""
    units = read_units(package)
    units["fat001.prw.ppo"] = b"Function U_FAT001()\r\nReturn 'hacked'\r\n"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for name, data in units.items():
            entry = tarfile.TarInfo(name)
            entry.size = len(data)
            archive.addfile(entry, io.BytesIO(data))
    return buffer.getvalue()


def _rewrite(path: Path, change: dict[str, bytes | None]) -> None:
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    for name, data in change.items():
        if data is None:
            files.pop(name, None)
        else:
            files[name] = data
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


@pytest.fixture
def package(tmp_path: Path, compiled: CompileResult, key: SigningKey) -> Path:
    path = tmp_path / "build.zip"
    build_package(compiled, INFO, key, path)
    return path


def test_changed_unit_is_refused_as_corrupted(package: Path, key: SigningKey) -> None:
    _rewrite(package, {"units.tar": _hacked_units(package)})
    with pytest.raises(ArtifactError, match="corrupted"):
        verify_package(package, [key.trusted])


def test_extra_file_is_refused(package: Path, key: SigningKey) -> None:
    _rewrite(package, {"units/evil.prw.ppo": b"Function U_EVIL()"})
    with pytest.raises(ArtifactError, match="corrupted"):
        verify_package(package, [key.trusted])


def test_truncated_package_is_refused(package: Path, key: SigningKey) -> None:
    package.write_bytes(package.read_bytes()[:200])
    with pytest.raises(ArtifactError, match="corrupted"):
        verify_package(package, [key.trusted])


def test_unsigned_package_is_refused(package: Path, key: SigningKey) -> None:
    _rewrite(package, {"provenance.dsse.json": None})
    with pytest.raises(ArtifactError, match="unsigned"):
        verify_package(package, [key.trusted])


def test_package_signed_by_another_key_is_refused(package: Path) -> None:
    with pytest.raises(ArtifactError, match="not signed by a trusted key"):
        verify_package(package, [SigningKey.generate().trusted])


def test_resigned_content_with_recomputed_sums_is_refused(package: Path, key: SigningKey) -> None:
    """An attacker who rewrites a unit and SHA256SUMS still cannot produce the signature."""
    with zipfile.ZipFile(package) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["units.tar"] = _hacked_units(package)
    content = {n: d for n, d in files.items() if n not in ("SHA256SUMS", "provenance.dsse.json")}
    sums = "".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in sorted(content.items()))
    _rewrite(package, {"units.tar": files["units.tar"], "SHA256SUMS": sums.encode()})
    with pytest.raises(ArtifactError, match="different package"):
        verify_package(package, [key.trusted])


def test_service_key_is_created_once_private_and_reused(tmp_path: Path) -> None:
    first = service_key(tmp_path)
    private = tmp_path / "keys" / "service-ed25519.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert service_key(tmp_path).keyid == first.keyid
    assert (tmp_path / "keys" / "service-ed25519.pub").exists()


def test_any_backend_result_packages_the_same_way(tmp_path: Path, key: SigningKey) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "a.prw").write_bytes(b"Return\r\n")
    result = FakeBackend().compile(CompileRequest(root, ["a.prw"]))
    digest = build_package(result, INFO, key, tmp_path / "fake.zip")
    artifact = verify_package(tmp_path / "fake.zip", [key.trusted])
    assert artifact.digest == digest
    assert artifact.manifest["backend"] == {"name": "fake", "version": "0"}
    assert artifact.units() == {"a.prw.ppo": b"Return\r\n"}
