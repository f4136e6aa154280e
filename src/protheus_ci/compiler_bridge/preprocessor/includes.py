"""Finding and reading include files: search order, case, repository escape, ``#zip``.

Each file is read once per :class:`SourceFiles` and kept, with its digest, keyed by its
size and modification time, so thousands of sources that include ``protheus.ch`` pay
for reading and parsing it once.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from protheus_ci.analyzers.sources import decode_cp1252
from protheus_ci.compiler_bridge.preprocessor.source_text import (
    CompressedHeaderError,
    expand_compressed_header,
    is_compressed_header,
)


class IncludeEscapeError(ValueError):
    """An include that resolves outside the repository and the include folders."""


@dataclass(frozen=True, slots=True)
class Resolved:
    path: Path
    # True when the name on disk differs in case from the name written in the source.
    case_differs: bool


@dataclass(slots=True)
class LoadedFile:
    path: Path
    digest: str
    text: str
    compressed: bool
    parsed: object | None = None  # the engine's parse of ``text``, kept with the file


class SourceFiles:
    """Reads files for the preprocessor and remembers them while they do not change."""

    def __init__(self) -> None:
        self._files: dict[Path, tuple[tuple[int, int], LoadedFile]] = {}
        self._listings: dict[Path, dict[str, str]] = {}

    def load(self, path: Path) -> LoadedFile:
        """Read ``path``; raises OSError or CompressedHeaderError."""
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        cached = self._files.get(path)
        if cached is not None and cached[0] == key:
            return cached[1]
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        compressed = is_compressed_header(data)
        if compressed:
            data = expand_compressed_header(data)
        loaded = LoadedFile(path, digest, decode_cp1252(data), compressed)
        self._files[path] = (key, loaded)
        return loaded

    def digest(self, path: Path) -> str | None:
        try:
            return self.load(path).digest
        except (OSError, CompressedHeaderError):
            return None

    def _listing(self, folder: Path) -> dict[str, str]:
        listing = self._listings.get(folder)
        if listing is None:
            try:
                names = os.listdir(folder)
            except OSError:
                names = []
            listing = {}
            for name in sorted(names):
                listing.setdefault(name.lower(), name)
            self._listings[folder] = listing
        return listing

    def find(self, folder: Path, name: str) -> Resolved | None:
        """``folder/name`` with each part matched case-insensitively, as Windows would."""
        current = folder
        differs = False
        for part in Path(name).parts:
            if part in (".", ".."):
                current = current / part
                continue
            exact = current / part
            if exact.exists():
                current = exact
                continue
            actual = self._listing(current).get(part.lower())
            if actual is None:
                return None
            differs = True
            current = current / actual
        return Resolved(current, differs) if current.is_file() else None


def check_inside(path: Path, roots: list[Path]) -> Path:
    """The real path of ``path``, if it lies under one of ``roots``; else IncludeEscapeError."""
    real = path.resolve()
    if any(real.is_relative_to(root) for root in roots):
        return real
    raise IncludeEscapeError(str(path))


def resolve_include(
    files: SourceFiles, name: str, including_dir: Path, include_dirs: list[Path], roots: list[Path]
) -> Resolved | None:
    """Search the including file's folder, then the include folders, in order."""
    if Path(name).is_absolute():
        raise IncludeEscapeError(name)
    for folder in [including_dir, *include_dirs]:
        normal = Path(os.path.normpath(folder / name))
        if not any(normal.is_relative_to(root) for root in roots):
            raise IncludeEscapeError(name)
        found = files.find(folder, name)
        if found is not None:
            return Resolved(check_inside(found.path, roots), found.case_differs)
    return None
