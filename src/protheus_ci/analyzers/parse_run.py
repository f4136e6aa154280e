"""`protheus-ci parse`: parse files and folders, count what did not parse."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protheus_ci.analyzers.discovery import UnreadablePath, discover
from protheus_ci.analyzers.language import dialect_for
from protheus_ci.analyzers.parsing import SyntaxProblem, error_lines, parse_source
from protheus_ci.analyzers.sources import SourceText, read_source


@dataclass(slots=True)
class FileResult:
    path: Path
    bytes: int
    lines: int
    dialect: str
    encoding: str
    line_ending: str
    compressed_header: bool = False
    problems: list[SyntaxProblem] = field(default_factory=list)
    error_lines: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "bytes": self.bytes,
            "lines": self.lines,
            "dialect": self.dialect,
            "encoding": self.encoding,
            "line_ending": self.line_ending,
            "compressed_header": self.compressed_header,
            "error_lines": self.error_lines,
            "errors": [
                {
                    "line": p.line,
                    "column": p.column,
                    "end_line": p.end_line,
                    "end_column": p.end_column,
                    "kind": p.kind,
                    "message": p.message,
                }
                for p in self.problems
            ],
        }


@dataclass(slots=True)
class ParseRun:
    files: list[FileResult] = field(default_factory=list)
    unreadable: list[UnreadablePath] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return bool(self.unreadable) or any(f.problems for f in self.files)

    def summary(self) -> dict[str, Any]:
        lines = sum(f.lines for f in self.files)
        bad_lines = sum(f.error_lines for f in self.files)
        parsed = [f for f in self.files if not f.compressed_header]
        return {
            "files": len(self.files),
            "files_with_errors": sum(1 for f in self.files if f.problems),
            "compressed_headers": len(self.files) - len(parsed),
            "unreadable": len(self.unreadable),
            "lines": lines,
            "error_lines": bad_lines,
            "bytes": sum(f.bytes for f in self.files),
            "clean_file_ratio": _ratio(sum(1 for f in parsed if not f.problems), len(parsed)),
            "clean_line_ratio": _ratio(lines - bad_lines, lines),
            "seconds": round(self.seconds, 3),
        }

    def to_json(self) -> str:
        return json.dumps(
            {
                "summary": self.summary(),
                "files": [f.to_json() for f in self.files],
                "unreadable": [{"path": str(u.path), "reason": u.reason} for u in self.unreadable],
            },
            ensure_ascii=False,
        )

    def text_lines(self) -> Iterable[str]:
        for u in self.unreadable:
            yield f"{u.path}: cannot read: {u.reason}"
        for f in self.files:
            if f.compressed_header:
                yield f"{f.path}: TOTVS compressed header (#zip), not parsed"
            for p in f.problems:
                yield f"{f.path}:{p.line}:{p.column}: {p.message}"
        s = self.summary()
        yield (
            f"{s['files']} files ({s['files_with_errors']} with errors, "
            f"{s['compressed_headers']} compressed, {s['unreadable']} unreadable), "
            f"{s['lines']} lines ({s['error_lines']} with errors), "
            f"{s['bytes']} bytes in {s['seconds']:.2f}s"
        )


def _ratio(good: int, total: int) -> float:
    return round(good / total, 6) if total else 1.0


def parse_file(source: SourceText) -> FileResult:
    result = FileResult(
        path=source.path,
        bytes=len(source.data),
        lines=source.lines,
        dialect=dialect_for(source.path).value,
        encoding=source.encoding,
        line_ending=source.line_ending.value,
        compressed_header=source.is_compressed_header,
    )
    if not result.compressed_header:
        parsed = parse_source(source)
        result.problems = parsed.problems
        result.error_lines = len(error_lines(parsed.problems))
    return result


def run_parse(paths: Iterable[Path]) -> ParseRun:
    started = time.perf_counter()
    found, unreadable = discover(paths)
    run = ParseRun(unreadable=unreadable)
    for path in found:
        try:
            source = read_source(path)
        except OSError as error:
            run.unreadable.append(UnreadablePath(path, error.strerror or str(error)))
            continue
        run.files.append(parse_file(source))
    run.seconds = time.perf_counter() - started
    return run
