"""A scripted backend for tests of code that calls the bridge (woodpecker's ``dummy``)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from protheus_ci.compiler_bridge.types import (
    CompiledUnit,
    CompileRequest,
    CompileResult,
    Diagnostic,
    SourceFile,
)


@dataclass
class FakeBackend:
    diagnostics: Sequence[Diagnostic] = ()
    name: str = "fake"
    requests: list[CompileRequest] = field(default_factory=list)

    def version(self) -> str:
        return "0"

    def compile(self, request: CompileRequest) -> CompileResult:
        self.requests.append(request)
        sources: list[SourceFile] = []
        units: list[CompiledUnit] = []
        for source in request.sources:
            data = (request.root / source).read_bytes()
            sources.append(SourceFile(source, hashlib.sha256(data).hexdigest(), len(data)))
            units.append(CompiledUnit(source, f"{source}.ppo", data, "text/plain"))
        return CompileResult(self.name, self.version(), tuple(self.diagnostics), tuple(units), tuple(sources))
