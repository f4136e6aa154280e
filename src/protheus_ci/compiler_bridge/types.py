"""The compiler-bridge interface: what a backend is given and what it hands back.

Every backend (the built-in checker, the real TOTVS ``advpls``, the test fake) takes a
:class:`CompileRequest` and returns a :class:`CompileResult` made of the same
:class:`Diagnostic` shape, so the pipeline never learns which compiler ran.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


class Severity(enum.StrEnum):
    """The closed set of diagnostic severities, ordered from worst to mildest."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One compiler message, in the compiler's own terms (``FILE(line) Cnnnn text``)."""

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str

    def render(self) -> str:
        """The TOTVS compiler shape: ``FILE.PRW(12) C2090 File not found X.CH``."""
        kind = "" if self.severity is Severity.ERROR else f"{self.severity.value} "
        return f"{Path(self.file).name.upper()}({self.line}) {self.code} {kind}{self.message}"


@dataclass(frozen=True, slots=True)
class CompiledUnit:
    """What a backend produced for one source (a checked ``.ppo`` or a ``.ptm`` patch)."""

    source: str
    name: str
    content: bytes
    media_type: str


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A source as it was compiled: the manifest pins each one by digest."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class Symbol:
    kind: str  # function | static function | class | method | route
    name: str
    line: int

    def to_json(self) -> dict[str, str | int]:
        return {"kind": self.kind, "name": self.name, "line": self.line}


@dataclass(frozen=True, slots=True)
class CompileRequest:
    """A set of sources (paths relative to ``root``) to compile together."""

    root: Path
    sources: Sequence[str]
    include_dirs: Sequence[Path] = ()
    defines: dict[str, str] = field(default_factory=dict)
    # Functions already in the target environment's repository, by upper-cased name, with the
    # source that owns each one: a second owner is a collision.
    published_functions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CompileResult:
    backend: str
    backend_version: str
    diagnostics: tuple[Diagnostic, ...]
    units: tuple[CompiledUnit, ...]
    sources: tuple[SourceFile, ...] = ()
    symbols: dict[str, tuple[Symbol, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    def counts(self) -> dict[str, int]:
        return {s.value: sum(1 for d in self.diagnostics if d.severity is s) for s in Severity}


class CompilerBackend(Protocol):
    """One compiler behind the bridge; see ``backends.py`` for the registry."""

    name: str

    def version(self) -> str: ...

    def compile(self, request: CompileRequest) -> CompileResult: ...


class CompilerBridgeError(Exception):
    """The compiler could not run at all (not a finding in the customer's code)."""
