"""Environments and releases: the closed set of kinds, and what a release records."""

from __future__ import annotations

import enum
import re
from dataclasses import asdict, dataclass
from typing import Any


class EnvironmentKind(enum.StrEnum):
    """Ordered from first to last stop: promotion only moves forward."""

    DEVELOPMENT = "development"
    TEST = "test"
    HOMOLOGATION = "homologation"
    PRODUCTION = "production"

    @property
    def rank(self) -> int:
        return list(EnvironmentKind).index(self)


class TargetType(enum.StrEnum):
    BUILTIN = "builtin"  # a folder: custom object repository, current release, history
    APPSERVER = "appserver"  # a TOTVS AppServer, reached with advpls patchApply


class PublishError(Exception):
    """A publishing operation was refused; the message says why."""


_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


def check_name(name: str) -> str:
    if not _NAME.match(name):
        raise PublishError(f"invalid environment name {name!r}: use a-z, 0-9, '-' and '_'")
    return name


@dataclass(frozen=True, slots=True)
class Environment:
    tenant: str
    name: str
    kind: EnvironmentKind
    target: TargetType
    # AppServer connection (server, port, environment); empty for builtin targets.
    appserver: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "kind": self.kind.value, "target": self.target.value}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Environment:
        return cls(
            data["tenant"],
            data["name"],
            EnvironmentKind(data["kind"]),
            TargetType(data["target"]),
            dict(data.get("appserver", {})),
        )


@dataclass(frozen=True, slots=True)
class Release:
    """One artifact as installed in one environment (the folder ``releases/<id>``)."""

    id: str
    digest: str
    repository: str
    commit: str
    build_number: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Release:
        return cls(data["id"], data["digest"], data["repository"], data["commit"], int(data["build_number"]))
