"""The package format: one zip with a fixed layout, digested and signed.

Layout::

    manifest.json           what was built (see manifest.py)
    units.tar               compiled units (.ppo from builtin, .ptm from tdscli), one
                            deterministic tar so that checking 5,000 units is one digest
    SHA256SUMS              "<sha256>  <name>" for the two files above, sorted
    provenance.dsse.json    DSSE envelope: in-toto statement whose subject is the package

The package digest is the sha256 of ``SHA256SUMS``, so it covers every byte of content
and stays the same however the zip itself is laid out; promotion compares this digest.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protheus_ci.artifacts.keys import SigningKey, TrustedKey
from protheus_ci.artifacts.manifest import BuildInfo, build_manifest
from protheus_ci.artifacts.provenance import envelope, open_envelope, statement
from protheus_ci.compiler_bridge.types import CompileResult

MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
PROVENANCE = "provenance.dsse.json"
UNITS = "units.tar"
LAYOUT = {MANIFEST, UNITS, SUMS, PROVENANCE}
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class ArtifactError(Exception):
    """The package is refused; the message says why (corrupted, unsigned, foreign key)."""


@dataclass(frozen=True)
class VerifiedArtifact:
    path: Path
    digest: str
    manifest: dict[str, Any]
    keyid: str

    def units(self) -> dict[str, bytes]:
        return read_units(self.path)


def _sums(files: dict[str, bytes]) -> bytes:
    lines = [f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())]
    return "".join(lines).encode()


def package_digest(sums: bytes) -> str:
    return hashlib.sha256(sums).hexdigest()


def build_package(result: CompileResult, info: BuildInfo, key: SigningKey, output: Path) -> str:
    """Write the signed package to ``output`` (atomically) and return its digest."""
    manifest = build_manifest(result, info)
    files = {
        MANIFEST: json.dumps(manifest, indent=1, sort_keys=True).encode(),
        UNITS: _tar({unit.name: unit.content for unit in result.units}),
    }
    sums = _sums(files)
    digest = package_digest(sums)
    name = f"{info.repository.rstrip('/').rsplit('/', 1)[-1]}-{info.build_number}"
    signed = envelope(statement(name, digest, manifest), key)
    files[SUMS] = sums
    files[PROVENANCE] = json.dumps(signed, indent=1).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in sorted(files):
            info_entry = zipfile.ZipInfo(entry, _FIXED_TIME)
            info_entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info_entry, files[entry])
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(buffer.getvalue())
    os.replace(temporary, output)
    return digest


def _tar(units: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for name in sorted(units):
            entry = tarfile.TarInfo(name)
            entry.size = len(units[name])
            entry.mode = 0o644
            archive.addfile(entry, io.BytesIO(units[name]))
    return buffer.getvalue()


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of an (already verified) package."""
    with zipfile.ZipFile(path) as package:
        manifest: dict[str, Any] = json.loads(package.read(MANIFEST))
        return manifest


def read_units(path: Path) -> dict[str, bytes]:
    """The units of an (already verified) package, by name."""
    with zipfile.ZipFile(path) as package, tarfile.open(fileobj=io.BytesIO(package.read(UNITS))) as archive:
        units: dict[str, bytes] = {}
        for entry in archive.getmembers():
            handle = archive.extractfile(entry) if entry.isfile() else None
            if handle is not None:
                units[entry.name] = handle.read()
        return units


def _read(path: Path) -> dict[str, bytes]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if not names <= LAYOUT:
                raise ArtifactError(f"corrupted: unexpected entries {sorted(names - LAYOUT)}")
            return {name: archive.read(name) for name in names}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise ArtifactError(f"corrupted: not a readable package ({exc})") from exc


def verify_package(path: Path, trusted: list[TrustedKey]) -> VerifiedArtifact:
    """Check every digest and the signature; raise ArtifactError on any doubt."""
    files = _read(path)
    sums = files.pop(SUMS, None)
    signed = files.pop(PROVENANCE, None)
    if sums is None or MANIFEST not in files or UNITS not in files:
        raise ArtifactError("corrupted: SHA256SUMS, manifest.json or units.tar is missing")
    if sums != _sums(files):
        raise ArtifactError("corrupted: the content does not match SHA256SUMS")
    digest = package_digest(sums)
    if signed is None:
        raise ArtifactError("unsigned: provenance.dsse.json is missing")
    try:
        document = json.loads(signed)
        if not document.get("signatures"):
            raise ArtifactError("unsigned: the envelope carries no signature")
        opened = open_envelope(document, trusted)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ArtifactError(f"corrupted: unreadable provenance envelope ({exc})") from exc
    if opened is None:
        raise ArtifactError("refused: not signed by a trusted key of this service")
    subjects = [s.get("digest", {}).get("sha256") for s in opened.get("subject", [])]
    if digest not in subjects:
        raise ArtifactError("corrupted: the signed statement is for a different package")
    return VerifiedArtifact(path, digest, json.loads(files[MANIFEST]), document["signatures"][0]["keyid"])
