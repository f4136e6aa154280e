"""SCP007: a Static Function nothing in its file refers to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file

#: Static Functions the framework calls by name from outside the file.
_CALLED_BY_FRAMEWORK = frozenset({"menudef", "modeldef", "viewdef", "scheddef", "integdef", "browsedef"})
#: Comments, where the function's ProtheusDoc header names it without using it.
_COMMENT = re.compile(rb"/\*.*?\*/|//[^\r\n]*|^[ \t]*\*[^\r\n]*", re.DOTALL | re.MULTILINE)


@on_file("SCP007")
def unused_static_function(ctx: FileContext) -> Iterator[Hit]:
    statics = [s for s in ctx.functions if s.kind == "static" and s.name.lower() not in _CALLED_BY_FRAMEWORK]
    if not statics:
        return
    # Any mention besides the definition is a use: calls, code blocks,
    # commands, names in strings for FWMVCMenu, SetKey or `&`; even inside a
    # longer name (XyzGrava in XyzGravaItem), which only ever hides a finding.
    text = _COMMENT.sub(b" ", ctx.data.lower())
    for scope in statics:
        if text.count(scope.name.lower().encode("cp1252", "replace")) <= 1:
            name = scope.node.child_by_field_name("name")
            yield ctx.hit(name or scope.node, name=scope.name)
