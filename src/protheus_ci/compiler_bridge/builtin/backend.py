"""The built-in backend: preprocess and check sources without any AppServer."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from protheus_ci import __version__
from protheus_ci.analyzers.sources import decode_cp1252, encode_cp1252
from protheus_ci.compiler_bridge.builtin.cache import CompileCache, FileResult
from protheus_ci.compiler_bridge.builtin.checks import file_checks, repository_checks
from protheus_ci.compiler_bridge.builtin.symbols import scan_symbols
from protheus_ci.compiler_bridge.builtin.syntax import grammar_identity, syntax_diagnostics
from protheus_ci.compiler_bridge.preprocessor import Preprocessor, PreprocessResult, SourceFiles
from protheus_ci.compiler_bridge.types import (
    CompiledUnit,
    CompileRequest,
    CompileResult,
    Diagnostic,
    SourceFile,
    Symbol,
)

PPO_MEDIA_TYPE = "text/x-advpl-ppo; charset=windows-1252"


class BuiltinBackend:
    name = "builtin"

    def __init__(self, cache: CompileCache | None = None) -> None:
        self.cache = cache or CompileCache()
        self.files = SourceFiles()
        # Counts files actually compiled by the last call: what incremental builds save.
        self.compiled_last = 0

    def version(self) -> str:
        return __version__

    def _fingerprint(self, request: CompileRequest) -> bytes:
        config = {
            "version": self.version(),
            "grammar": grammar_identity(),
            "includes": [str(Path(d).resolve()) for d in request.include_dirs],
            "defines": sorted(request.defines.items()),
        }
        return json.dumps(config, sort_keys=True).encode()

    def _still_valid(self, entry: FileResult, digests: dict[str, str | None]) -> bool:
        """Whether every include ``entry`` read still has its digest (``digests`` memoizes)."""
        for path, digest in entry.includes.items():
            if path not in digests:
                digests[path] = self.files.digest(Path(path))
            if digests[path] != digest:
                return False
        return True

    def compile(self, request: CompileRequest) -> CompileResult:
        preprocessor = Preprocessor(request.root, list(request.include_dirs), request.defines, self.files)
        fingerprint = self._fingerprint(request)
        results: list[FileResult] = []
        sources: list[SourceFile] = []
        self.compiled_last = 0
        include_digests: dict[str, str | None] = {}
        for source in request.sources:
            data = (request.root / source).read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            sources.append(SourceFile(source, digest, len(data)))
            key = hashlib.sha256(fingerprint + b"\0" + source.encode() + b"\0" + data).hexdigest()
            entry = self.cache.get(key)
            if entry is None or not self._still_valid(entry, include_digests):
                entry = self._compile_one(preprocessor, source, data)
                self.cache.put(key, entry)
                self.compiled_last += 1
            results.append(entry)
        symbols = {r.source: r.symbols for r in results}
        diagnostics: list[Diagnostic] = [d for r in results for d in r.diagnostics]
        diagnostics.extend(repository_checks(symbols, request.published_functions))
        return CompileResult(
            backend=self.name,
            backend_version=self.version(),
            diagnostics=tuple(diagnostics),
            units=tuple(self._unit(r) for r in results),
            sources=tuple(sources),
            symbols=symbols,
        )

    def _compile_one(self, preprocessor: Preprocessor, source: str, data: bytes) -> FileResult:
        text = decode_cp1252(data)
        preprocessed: PreprocessResult = preprocessor.preprocess(Path(source))
        diagnostics = [
            *preprocessed.diagnostics,
            *file_checks(source, text),
            *syntax_diagnostics(source, data),
        ]
        symbols: tuple[Symbol, ...] = tuple(scan_symbols(text))
        return FileResult(
            source, tuple(preprocessed.lines), tuple(diagnostics), symbols, preprocessed.includes
        )

    @staticmethod
    def _unit(result: FileResult) -> CompiledUnit:
        ppo = PreprocessResult(result.source, list(result.ppo)).ppo_text()
        return CompiledUnit(result.source, f"{result.source}.ppo", encode_cp1252(ppo), PPO_MEDIA_TYPE)
