"""SCP006: a Local, Static or parameter that hides a framework public."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.framework_names import SHADOWING_SENSITIVE

# Private is left out on purpose: `Private aRotina`, `Private lMsErroAuto` and
# `Private INCLUI` are how routines hand these to the framework.
_HIDING_SCOPES = frozenset({"local", "static"})


@on_file("SCP006")
def shadowed_framework_public(ctx: FileContext) -> Iterator[Hit]:
    parameters = [d.node for f in ctx.functions for d in f.declarations.values() if d.scope == "parameter"]
    locals_ = [name for scope, name in ctx.declared_names if scope in _HIDING_SCOPES and name.type == "identifier"]
    for node in sorted((*parameters, *locals_), key=lambda n: n.start_byte):
        if ctx.lower(node) in SHADOWING_SENSITIVE and not _returned(ctx, node):
            yield ctx.hit(node, name=ctx.text(node))


def _returned(ctx: FileContext, node: Node) -> bool:
    name = ctx.lower(node)
    scope = ctx.function_at(node)
    if scope is not None:
        # A builder that returns its own copy (MenuDef's `Local aRotina := {}`
        # ... `Return aRotina`) hands it over instead of hiding the public.
        text = ctx.data[scope.start_byte : scope.end_byte].lower()
        returned = rb"(?m)^\s*return\s*\(?\s*" + re.escape(name.encode()) + rb"\s*\)?\s*(?://.*)?\r?$"
        return re.search(returned, text) is not None
    return False
