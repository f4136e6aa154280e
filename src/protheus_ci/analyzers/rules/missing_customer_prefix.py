"""NAM004: a User Function without the customer's configured prefix."""

from __future__ import annotations

from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.framework_names import looks_like_entry_point, reads_paramixb


@on_file("NAM004")
def missing_customer_prefix(ctx: FileContext) -> Iterator[Hit]:
    prefix = str(ctx.settings.get("customer_prefix") or "").upper()
    if not prefix:
        return  # nothing to enforce until the customer names a prefix
    for scope in ctx.functions:
        if scope.kind != "user" or scope.name.upper().startswith(prefix):
            continue
        # Entry points are named by TOTVS, so they cannot carry the prefix.
        if looks_like_entry_point(scope.name) or reads_paramixb(ctx, scope):
            continue
        name = scope.node.child_by_field_name("name")
        yield ctx.hit(name or scope.node, name=scope.name, prefix=prefix)
