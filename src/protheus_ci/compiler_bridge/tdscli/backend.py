"""The tdscli backend: compile with the real TOTVS ``advpls`` on a configured AppServer."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path, PurePosixPath

from protheus_ci.analyzers.sources import decode_cp1252
from protheus_ci.compiler_bridge.builtin.symbols import scan_symbols
from protheus_ci.compiler_bridge.tdscli.ini_script import Section, ValueKind, path_list
from protheus_ci.compiler_bridge.tdscli.runner import TdsCliConfig, run_script
from protheus_ci.compiler_bridge.types import (
    CompiledUnit,
    CompileRequest,
    CompileResult,
    Diagnostic,
    SourceFile,
    Symbol,
)

PTM_MEDIA_TYPE = "application/vnd.totvs.ptm"
PATCH_NAME = "build"


class TdsCliBackend:
    name = "tdscli"

    def __init__(self, config: TdsCliConfig) -> None:
        self.config = config

    def version(self) -> str:
        return self.config.package_version() or "unknown"

    def compile(self, request: CompileRequest) -> CompileResult:
        paths = [str((request.root / s).resolve()) for s in request.sources]
        sections = [
            Section(
                "compile",
                "compile",
                {
                    "program": path_list("program", paths),
                    "recompile": ("T", ValueKind.TEXT),
                    "includes": path_list(
                        "includes", [str(Path(d).resolve()) for d in request.include_dirs], ";"
                    ),
                },
            ),
        ]
        with tempfile.TemporaryDirectory(prefix="protheus-ci-advpls-") as folder:
            work = Path(folder)
            sections.append(
                Section(
                    "patchGen",
                    "patchGen",
                    {
                        "fileResource": path_list("fileResource", paths),
                        "patchType": ("PTM", ValueKind.TEXT),
                        "saveLocal": (str(work), ValueKind.PATH),
                        "patchName": (PATCH_NAME, ValueKind.TEXT),
                    },
                )
            )
            parsed = run_script(self.config, sections, work)
            patches = sorted(work.glob("*.ptm")) + sorted(work.glob("*.PTM"))
            units = tuple(CompiledUnit("", p.name, p.read_bytes(), PTM_MEDIA_TYPE) for p in patches)
        sources: list[SourceFile] = []
        symbols: dict[str, tuple[Symbol, ...]] = {}
        for source in request.sources:
            data = (request.root / source).read_bytes()
            sources.append(SourceFile(source, hashlib.sha256(data).hexdigest(), len(data)))
            symbols[source] = tuple(scan_symbols(decode_cp1252(data)))
        by_name = {PurePosixPath(s).name.upper(): s for s in request.sources}
        diagnostics = tuple(
            Diagnostic(
                by_name.get(PurePosixPath(d.file).name.upper(), d.file),
                d.line,
                d.column,
                d.code,
                d.severity,
                d.message,
            )
            for d in parsed.diagnostics
        )
        return CompileResult(self.name, self.version(), diagnostics, units, tuple(sources), symbols)
