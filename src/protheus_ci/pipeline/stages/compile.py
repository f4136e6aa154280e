"""Compile: the work folder's sources, with the backend and include folders of protheus-ci.toml.

The builtin backend keeps its per-file results in the data folder, one cache per tenant and
repository, so a new run recompiles only what changed (sources, and the users of a changed
header). Every diagnostic becomes a finding; any compile error fails the stage.
"""

from __future__ import annotations

import os
from pathlib import Path

from protheus_ci.analyzers.language import is_header_path, is_source_path
from protheus_ci.compiler_bridge.backends import get_backend
from protheus_ci.compiler_bridge.builtin.backend import BuiltinBackend
from protheus_ci.compiler_bridge.builtin.cache import CompileCache
from protheus_ci.compiler_bridge.tdscli.runner import ENV_PREFIX
from protheus_ci.compiler_bridge.types import CompilerBackend, CompilerBridgeError, CompileRequest
from protheus_ci.pipeline.config import FILE_NAME
from protheus_ci.pipeline.stages.base import FindingRecord, StageContext
from protheus_ci.pipeline.states import StageState

# The tdscli settings are the service's PROTHEUS_CI_APPSERVER_* variables; without a server
# advpls would knock on a placeholder address, so the stage refuses before it starts.
APPSERVER_VARIABLE = ENV_PREFIX + "APPSERVER_SERVER"


def run(ctx: StageContext) -> StageState:
    root = ctx.workdir.resolve()
    sources = _sources(root)
    if not sources:
        ctx.log("no ADVPL/TLPP sources to compile / nenhum fonte ADVPL/TLPP para compilar")
        return StageState.SKIPPED
    # Include folders are roots the preprocessor may read from: never outside the checkout.
    escaping = [folder for folder in ctx.config.include if not (root / folder).resolve().is_relative_to(root)]
    if escaping:
        ctx.log(f"{FILE_NAME}: compile.include {', '.join(escaping)} leaves the repository / sai do repositório")
        return StageState.FAILED
    if ctx.config.backend == "tdscli" and not os.environ.get(APPSERVER_VARIABLE):
        ctx.log(
            f"{FILE_NAME} asks for the tdscli backend, but this service has no AppServer ({APPSERVER_VARIABLE}"
            " is not set) / o serviço não tem AppServer configurado para o backend tdscli"
        )
        return StageState.FAILED
    backend = _backend(ctx)
    ctx.log(f"compiling {len(sources)} source(s) with {backend.name} {backend.version()}")
    try:
        result = backend.compile(CompileRequest(root, sources, [root / folder for folder in ctx.config.include]))
    except CompilerBridgeError as exc:
        ctx.log(f"the compiler could not run / o compilador não pôde ser executado: {exc}")
        return StageState.ERROR
    for diagnostic in result.diagnostics:
        ctx.log(diagnostic.render())
        ctx.add_finding(
            FindingRecord(
                diagnostic.file,
                diagnostic.line,
                diagnostic.column,
                diagnostic.code,
                diagnostic.severity.value,
                diagnostic.message,
            )
        )
    counts = result.counts()
    summary = f"{len(sources)} source(s): {counts['error']} error(s), {counts['warning']} warning(s)"
    if isinstance(backend, BuiltinBackend):
        summary += f"; {backend.compiled_last} compiled, {len(sources) - backend.compiled_last} from the cache"
    ctx.log(summary)
    ctx.compile_result = result
    return StageState.SUCCESS if result.ok else StageState.FAILED


def _sources(root: Path) -> list[str]:
    """Compilation units relative to ``root``, sorted; headers are compiled where included."""
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and is_source_path(path) and not is_header_path(path)
    )


def _backend(ctx: StageContext) -> CompilerBackend:
    if ctx.config.backend != "builtin":
        return get_backend(ctx.config.backend)
    target = ctx.target
    return BuiltinBackend(CompileCache(ctx.settings.data_dir / "cache" / "compile" / target.tenant / target.repository))
