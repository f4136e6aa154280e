"""Per-file compile results, reused while a source and every header it read are unchanged.

An entry is found by the digest of the source's bytes (with the backend's configuration)
and is only valid while each include it recorded still has the digest it had then. The
cache lives in memory and, when given a folder, on disk as one JSON file per entry.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protheus_ci.compiler_bridge.preprocessor.engine import PpoLine
from protheus_ci.compiler_bridge.types import Diagnostic, Severity, Symbol


@dataclass(frozen=True, slots=True)
class FileResult:
    source: str
    ppo: tuple[PpoLine, ...]
    diagnostics: tuple[Diagnostic, ...]
    symbols: tuple[Symbol, ...]
    includes: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "ppo": [[p.text, p.file, p.line] for p in self.ppo],
            "diagnostics": [
                [d.file, d.line, d.column, d.code, d.severity.value, d.message] for d in self.diagnostics
            ],
            "symbols": [[s.kind, s.name, s.line] for s in self.symbols],
            "includes": self.includes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileResult:
        return cls(
            data["source"],
            tuple(PpoLine(t, f, n) for t, f, n in data["ppo"]),
            tuple(Diagnostic(f, n, c, code, Severity(s), m) for f, n, c, code, s, m in data["diagnostics"]),
            tuple(Symbol(k, n, line) for k, n, line in data["symbols"]),
            dict(data["includes"]),
        )


class CompileCache:
    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory
        self._memory: dict[str, FileResult] = {}

    def get(self, key: str) -> FileResult | None:
        hit = self._memory.get(key)
        if hit is None and self.directory is not None:
            try:
                hit = FileResult.from_json(json.loads((self.directory / f"{key}.json").read_text("utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                return None
            self._memory[key] = hit
        return hit

    def put(self, key: str, result: FileResult) -> None:
        self._memory[key] = result
        if self.directory is None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        # Write-then-rename: a reader never sees half an entry.
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(result.to_json(), out)
        os.replace(temporary, self.directory / f"{key}.json")
