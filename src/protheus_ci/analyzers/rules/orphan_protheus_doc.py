"""DOC004: ProtheusDOC block naming nothing the file defines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.protheus_doc import doc_key, file_docs

#: Everything a block may document: functions, classes and their members, web
#: services and their members (`WSMETHOD GET Name` names the method `Name`).
_DEFINED = re.compile(
    rb"^[ \t]*(?:(?:user|static|main|public|private|protected)[ \t]+)*"
    rb"(?:function|class|method|data|wsmethod(?:[ \t]+(?:get|post|put|delete|patch))?|wsdata|"
    rb"wsrestful|wsservice|wsstruct|wsclient|property|namespace)[ \t]+([\w.]+)",
    re.IGNORECASE | re.MULTILINE,
)


@on_file("DOC004")
def orphan_protheus_doc(ctx: FileContext) -> Iterator[Hit]:
    docs = file_docs(ctx)
    # A source with blocks and no code documents elsewhere (the stubs editors
    # keep for the built-in functions, for instance).
    if not docs.blocks or not ctx.functions:
        return
    # A block named after the source documents the source itself.
    defined = {doc_key(scope.name) for scope in ctx.functions} | {doc_key(PurePosixPath(ctx.path).stem)}
    unmatched = [block for block in docs.blocks if block.key and block.key not in defined]
    if unmatched:  # only then read the classes, members and services
        defined |= {doc_key(m.group(1).decode("cp1252", "replace")) for m in _DEFINED.finditer(ctx.data)}
    for block in unmatched:
        if block.key not in defined:
            line_end = ctx.data.find(b"\n", block.start)
            yield ctx.hit_bytes(block.start, line_end if 0 <= line_end < block.end else block.end, name=block.name)
