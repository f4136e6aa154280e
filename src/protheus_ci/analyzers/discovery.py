"""Finding the ADVPL/TLPP sources below the paths a user names."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from protheus_ci.analyzers.language import SOURCE_EXTENSIONS

#: Folders that never hold customer sources worth checking.
SKIPPED_DIRECTORIES = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".protheus-ci"})


@dataclass(frozen=True, slots=True)
class UnreadablePath:
    path: Path
    reason: str


def _walk(root: Path, problems: list[UnreadablePath]) -> Iterator[Path]:
    def on_error(error: OSError) -> None:
        problems.append(UnreadablePath(Path(error.filename or root), error.strerror or str(error)))

    for folder, subfolders, files in os.walk(root, onerror=on_error):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_DIRECTORIES)
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in SOURCE_EXTENSIONS:
                yield Path(folder, name)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[UnreadablePath]]:
    """Sources below `paths` (files named directly are kept whatever their extension),
    in a stable order, plus the paths that could not be read."""
    found: list[Path] = []
    problems: list[UnreadablePath] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            candidates: Iterable[Path] = _walk(path, problems)
        elif path.is_file():
            candidates = [path]
        else:
            reason = "no such file or directory" if not path.exists() else "not a regular file or directory"
            problems.append(UnreadablePath(path, reason))
            continue
        for candidate in candidates:
            if candidate not in seen:
                seen.add(candidate)
                found.append(candidate)
    return found, problems
