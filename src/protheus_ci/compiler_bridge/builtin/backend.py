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
from protheus_ci.compiler_bridge.codes import FILE_NOT_FOUND
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


def _portable(path: str | Path, root: Path) -> str:
    """``path`` relative to ``root`` when inside it, else absolute. Cache entries name files
    this way so that they serve the same repository checked out in another folder, as each
    pipeline run is; ``root / name`` turns either form back into a path."""
    resolved = Path(path).resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(resolved)


class BuiltinBackend:
    name = "builtin"

    def __init__(self, cache: CompileCache | None = None) -> None:
        self.cache = cache or CompileCache()
        self.files = SourceFiles()
        # Counts files actually compiled by the last call: what incremental builds save.
        self.compiled_last = 0

    def version(self) -> str:
        return __version__

    def _fingerprint(self, request: CompileRequest, root: Path) -> bytes:
        config = {
            "version": self.version(),
            "grammar": grammar_identity(),
            "includes": [_portable(d, root) for d in request.include_dirs],
            "defines": sorted(request.defines.items()),
        }
        return json.dumps(config, sort_keys=True).encode()

    def _still_valid(self, entry: FileResult, root: Path, digests: dict[str, str | None]) -> bool:
        """Whether every include ``entry`` read still has its digest (``digests`` memoizes)."""
        for path, digest in entry.includes.items():
            if path not in digests:
                digests[path] = self.files.digest(root / path)
            if digests[path] != digest:
                return False
        return True

    def compile(self, request: CompileRequest) -> CompileResult:
        preprocessor = Preprocessor(request.root, list(request.include_dirs), request.defines, self.files)
        root = preprocessor.root
        fingerprint = self._fingerprint(request, root)
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
            if entry is None or not self._still_valid(entry, root, include_digests):
                entry = self._compile_one(preprocessor, source, data)
                # An entry records the includes it read, not the ones it missed: cached, a
                # missing include would stay missing after the header is added.
                if not any(d.code == FILE_NOT_FOUND.code for d in entry.diagnostics):
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
        includes = {_portable(path, preprocessor.root): digest for path, digest in preprocessed.includes.items()}
        return FileResult(source, tuple(preprocessed.lines), tuple(diagnostics), symbols, includes)

    @staticmethod
    def _unit(result: FileResult) -> CompiledUnit:
        ppo = PreprocessResult(result.source, list(result.ppo)).ppo_text()
        return CompiledUnit(result.source, f"{result.source}.ppo", encode_cp1252(ppo), PPO_MEDIA_TYPE)
