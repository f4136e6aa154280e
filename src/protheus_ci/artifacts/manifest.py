"""The build manifest: what was built, from what, by which compiler, with what outcome."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from protheus_ci.compiler_bridge.types import CompileResult

MANIFEST_VERSION = 1
NOT_EVALUATED = "not-evaluated"


@dataclass(frozen=True, slots=True)
class BuildInfo:
    tenant: str
    repository: str
    commit: str
    build_number: int
    # The pipeline's verdict; the CLI, which runs no gate, records "not-evaluated".
    quality_gate: str = NOT_EVALUATED
    run_id: str = ""


def build_manifest(result: CompileResult, info: BuildInfo) -> dict[str, Any]:
    symbols: dict[str, list[dict[str, Any]]] = {"functions": [], "classes": [], "methods": [], "routes": []}
    buckets = {
        "function": "functions",
        "static function": "functions",
        "class": "classes",
        "method": "methods",
        "route": "routes",
    }
    for path in sorted(result.symbols):
        for symbol in result.symbols[path]:
            symbols[buckets[symbol.kind]].append({**symbol.to_json(), "source": path})
    return {
        "manifestVersion": MANIFEST_VERSION,
        "tenant": info.tenant,
        "repository": info.repository,
        "commit": info.commit,
        "buildNumber": info.build_number,
        "runId": info.run_id,
        "backend": {"name": result.backend, "version": result.backend_version},
        "sources": [{"path": s.path, "sha256": s.sha256, "size": s.size} for s in result.sources],
        "units": [{"source": u.source, "name": u.name, "mediaType": u.media_type} for u in result.units],
        "symbols": symbols,
        "diagnostics": result.counts(),
        "qualityGate": info.quality_gate,
    }
