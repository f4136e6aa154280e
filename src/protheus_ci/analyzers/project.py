"""The project index: what each file defines, includes and calls, merged for
checks that look across files (duplicates, name collisions, unused code)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Symbol:
    name: str
    kind: str  # user, static, function, main, ..., method, wsmethod, class, webservice
    line: int
    container: str = ""  # class of a method, service of a web-service method


@dataclass(slots=True)
class FileSummary:
    """Built per file and cached with its findings, so project checks never
    need to parse a file again."""

    path: str
    dialect: str
    symbols: list[Symbol] = field(default_factory=list)
    includes: list[tuple[str, int]] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)  # lowercase names, each once

    def to_row(self) -> tuple[Any, ...]:
        """Plain values: what the result cache stores."""
        symbols = [(s.name, s.kind, s.line, s.container) for s in self.symbols]
        return (self.path, self.dialect, symbols, self.includes, self.calls)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> FileSummary:
        path, dialect, symbols, includes, calls = row
        return cls(path, dialect, [Symbol(*s) for s in symbols], [tuple(i) for i in includes], list(calls))


@dataclass(slots=True)
class ProjectIndex:
    root: Path
    files: dict[str, FileSummary] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    _sorted: list[tuple[str, Symbol]] | None = None  # reset by `add`

    def add(self, summary: FileSummary) -> None:
        self.files[summary.path] = summary
        self._sorted = None

    def symbols(self, *kinds: str) -> list[tuple[str, Symbol]]:
        """(path, symbol) pairs of the given kinds, in a stable order."""
        return [(path, symbol) for path, symbol in self._all_symbols() if not kinds or symbol.kind in kinds]

    def _all_symbols(self) -> list[tuple[str, Symbol]]:
        # Several project checks ask in turn: sort the files once per index.
        if self._sorted is None:
            self._sorted = [(path, s) for path in sorted(self.files) for s in self.files[path].symbols]
        return self._sorted

    def called_names(self) -> set[str]:
        return {name for summary in self.files.values() for name in summary.calls}
