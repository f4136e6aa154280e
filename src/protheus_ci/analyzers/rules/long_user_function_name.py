"""NAM002: a User Function name longer than ADVPL keeps."""

from __future__ import annotations

from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.ten_character_collision import SIGNIFICANT

#: The RPO registers a User Function as `U_` + name, truncated to ten characters.
_USER_NAME_LIMIT = SIGNIFICANT - len("U_")


@on_file("NAM002")
def long_user_function_name(ctx: FileContext) -> Iterator[Hit]:
    for scope in ctx.functions:
        if scope.kind == "user" and len(scope.name) > _USER_NAME_LIMIT:
            name = scope.node.child_by_field_name("name")
            yield ctx.hit(
                name or scope.node,
                name=scope.name,
                registered=("U_" + scope.name)[:SIGNIFICANT].upper(),
                limit=_USER_NAME_LIMIT,
            )
