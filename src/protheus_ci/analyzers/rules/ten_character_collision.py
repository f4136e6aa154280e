"""NAM001: function names that collide after ADVPL's 10-character truncation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from protheus_ci.analyzers.project import ProjectIndex, Symbol
from protheus_ci.analyzers.rules.api import Hit, on_project

#: Only the first ten characters of a name count in ADVPL, and a User
#: Function is registered with its `U_` prefix, so eight of its own are left.
SIGNIFICANT = 10
GLOBAL_KINDS = ("user", "function", "main", "template", "project", "web", "html", "pyme", "webuser")


def registered_name(symbol: Symbol) -> str:
    prefix = {"user": "U_", "template": "T_"}.get(symbol.kind, "")
    return (prefix + symbol.name).upper()


@on_project("NAM001")
def ten_character_collision(index: ProjectIndex, options: dict[str, object]) -> Iterator[Hit]:
    groups: dict[str, list[tuple[str, Symbol]]] = defaultdict(list)
    for path, symbol in index.symbols(*GLOBAL_KINDS):
        if index.files[path].dialect == "tlpp":
            continue  # TLPP keeps long names whole
        groups[registered_name(symbol)[:SIGNIFICANT]].append((path, symbol))
    for truncated, members in sorted(groups.items()):
        full_names = {registered_name(s) for _, s in members}
        if len(full_names) < 2:
            continue  # the same name twice is a duplicate, reported by its own rule
        for path, symbol in members:
            others = sorted(full_names - {registered_name(symbol)})
            yield Hit(
                path=path,
                line=symbol.line,
                function=symbol.name,
                args={"name": symbol.name, "others": ", ".join(others), "truncated": truncated},
            )
