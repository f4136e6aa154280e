"""Build artifacts: the signed package a build produces and every release publishes."""

from protheus_ci.artifacts.keys import SigningKey, TrustedKey, service_key, trusted_keys
from protheus_ci.artifacts.manifest import BuildInfo
from protheus_ci.artifacts.package import (
    ArtifactError,
    VerifiedArtifact,
    build_package,
    read_manifest,
    read_units,
    verify_package,
)

__all__ = [
    "ArtifactError",
    "BuildInfo",
    "SigningKey",
    "TrustedKey",
    "VerifiedArtifact",
    "build_package",
    "read_manifest",
    "read_units",
    "service_key",
    "trusted_keys",
    "verify_package",
]
