"""NAM005: the same global function defined more than once in the project."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from protheus_ci.analyzers.project import ProjectIndex, Symbol
from protheus_ci.analyzers.rules.api import Hit, on_project
from protheus_ci.analyzers.rules.ten_character_collision import GLOBAL_KINDS, registered_name


@on_project("NAM005")
def duplicate_function(index: ProjectIndex, options: dict[str, object]) -> Iterator[Hit]:
    groups: dict[str, list[tuple[str, Symbol]]] = defaultdict(list)
    for path, symbol in index.symbols(*GLOBAL_KINDS):
        groups[registered_name(symbol)].append((path, symbol))
    for name, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        for path, symbol in members:
            others = sorted(f"{p}:{s.line}" for p, s in members if (p, s.line) != (path, symbol.line))
            yield Hit(
                path=path, line=symbol.line, function=symbol.name, args={"name": name, "others": ", ".join(others)}
            )
