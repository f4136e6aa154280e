"""SCP003: a Local or Static declared after the function's first executable statement."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext, FunctionScope
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.scope_names import after_return

#: What may come before the declarations without being executable code.
#: Private and Public are statements, but TOTVS code keeps them in the
#: declaration block, so they do not end it.
_NOT_EXECUTABLE = frozenset(
    {
        "variable_declaration",
        "comment",
        "protheus_doc",
        "preproc_include",
        "preproc_define",
        "preproc_undef",
        "preproc_if",
        "preproc_ifdef",
        "preproc_else",
        "preproc_endif",
        "preproc_call",
    }
)


def _first_executable(scope: FunctionScope) -> Node | None:
    body = scope.body
    for statement in body.named_children if body is not None else ():
        if statement.type not in _NOT_EXECUTABLE:
            return statement
    return None


@on_query("SCP003", '(variable_declaration scope: ["local" "static"] @scope) @declaration')
def late_declaration(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    declaration = captures["declaration"][0]
    scope = ctx.function_at(declaration)
    if scope is None:
        return
    first = ctx.memo(("first-executable", scope.start_byte), lambda: _first_executable(scope))
    if first is None or declaration.start_byte < first.start_byte:
        return
    trailing = ctx.memo(("after-return", scope.start_byte), lambda: after_return(scope))
    if trailing and trailing[0].start_byte <= declaration.start_byte:
        return  # file-level code after the function's Return, not part of it
    keyword = captures["scope"][0]
    yield ctx.hit(keyword, scope=ctx.text(keyword), line=first.start_point.row + 1)
