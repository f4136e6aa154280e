"""INC004: an include whose letter case differs from the file on disk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from protheus_ci.analyzers.project import ProjectIndex
from protheus_ci.analyzers.rules.api import Hit, on_project
from protheus_ci.analyzers.rules.include_names import include_basename


def _files_on_disk(index: ProjectIndex) -> dict[str, set[str]]:
    """Lowercase file name -> the spellings found in the project and include dirs."""
    names: dict[str, set[str]] = defaultdict(set)
    for path in index.files:
        name = path.rpartition("/")[2]  # display paths are posix: cheaper than PurePosixPath per file
        names[name.lower()].add(name)
    for folder in index.settings.get("include_dirs", ()):
        directory = Path(folder) if Path(folder).is_absolute() else index.root / folder
        if directory.is_dir():
            for entry in directory.iterdir():
                names[entry.name.lower()].add(entry.name)
    return names


@on_project("INC004")
def include_case_on_disk(index: ProjectIndex, options: dict[str, object]) -> Iterator[Hit]:
    on_disk = _files_on_disk(index)
    for path, summary in sorted(index.files.items()):
        for include, line in summary.includes:
            name = include_basename(include)
            spellings = on_disk.get(name.lower(), set())
            # Only a file that exists under another spelling: a case-sensitive
            # file system (Linux AppServer, CI) will not find it.
            if spellings and name not in spellings:
                yield Hit(path=path, line=line, args={"include": name, "actual": ", ".join(sorted(spellings))})
