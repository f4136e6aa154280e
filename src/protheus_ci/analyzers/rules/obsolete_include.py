"""INC002: an include that totvs.ch replaces."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.include_names import include_basename

_OBSOLETE = frozenset(
    {
        "protheus.ch",
        "rwmake.ch",
        "ap5mail.ch",
        "dialog.ch",
        "font.ch",
        "ptmenu.ch",
        "print.ch",
        "colors.ch",
        "folder.ch",
        "msobject.ch",
        "vkey.ch",
        "winapi.ch",
        "fwcommand.ch",
        "fwcss.ch",
        "siga.ch",
        "tbiconn.ch",
    }
)


@on_query("INC002", "(preproc_include path: (_) @path) @include")
def obsolete_include(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    name = include_basename(ctx.text(captures["path"][0]))
    if name.lower() in _OBSOLETE:
        yield ctx.hit(captures["include"][0], include=name)
