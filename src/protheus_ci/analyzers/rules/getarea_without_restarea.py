"""ARE001: a GetArea() saved and not restored on every return."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call

_BLOCKS = frozenset({"block", "block_body"})
#: Calls that select, reorder or move a work area; a Return reached before any
#: of them leaves the caller's area as it was, restored or not.
AREA_MOVERS = (
    "dbselectarea",
    "dbsetorder",
    "dbseek",
    "msseek",
    "dbgoto",
    "dbgotop",
    "dbgobottom",
    "dbskip",
    "posicione",
    "dbusearea",
    "chkfile",
    "dbsetfilter",
    "set",
)


def saved_in(ctx: FileContext, call: Node) -> str:
    """The variable `aArea := GetArea()` (or `SA1->(GetArea())`) stores the area in, lowercase."""
    node = call
    while node.parent is not None and node.parent.type in ("parenthesized_expression", "alias_expression"):
        node = node.parent
    parent = node.parent
    if parent is None:
        return ""
    if parent.type in ("assignment_expression", "assignment_statement") and parent.child_by_field_name("right") == node:
        target = parent.child_by_field_name("left")
    elif parent.type == "variable_declarator" and parent.child_by_field_name("value") == node:
        target = parent.child_by_field_name("name")
    else:
        return ""
    return ctx.lower(target) if target is not None and target.type == "identifier" else ""


def _block_of(node: Node) -> Node | None:
    block = node.parent
    while block is not None and block.type not in _BLOCKS:
        block = block.parent
    return block


def _dominates(restore: Node, offset: int) -> bool:
    """`restore` runs on every path to `offset`: it comes first, in a block that holds it."""
    block = _block_of(restore)
    return block is not None and restore.end_byte <= offset and block.start_byte <= offset < block.end_byte


def _guarding_if(ctx: FileContext, restore: Node, variable: str) -> Node | None:
    """`If !Empty(aArea); RestArea(aArea); EndIf`: the If only skips an area never
    saved, so the restore counts where the If stands."""
    statement = restore.parent
    block = statement.parent if statement is not None else None
    branch = block.parent if block is not None else None
    condition = branch.child_by_field_name("condition") if branch is not None else None
    if (
        block is None
        or branch is None
        or branch.type != "if_statement"
        or condition is None
        or block.named_child_count != 1
    ):
        return None
    return branch if variable in ctx.lower(condition) else None


def _restored_before(call: Node, restores: list[Node], exit_node: Node) -> bool:
    """Some restore runs before `exit_node` leaves the function or, when the
    Return is outside the block the area was saved in, somewhere in that block
    (a branch that saves, moves and restores on its own)."""
    if any(_dominates(r, exit_node.start_byte) for r in restores):
        return True
    saved = _block_of(call)
    if saved is None or saved.start_byte <= exit_node.start_byte < saved.end_byte:
        return False
    return any(call.end_byte <= r.start_byte < saved.end_byte for r in restores)


@on_call("ARE001", "getarea")
def getarea_without_restarea(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    variable = saved_in(ctx, call)
    scope = ctx.function_at(call)
    if not variable or scope is None:
        return  # kept in an array or passed on: restored elsewhere, we cannot follow it
    if any(
        saved_in(ctx, other) == variable
        for other in ctx.calls_in(scope, "getarea")
        if other.start_byte < call.start_byte
    ):
        return  # saved again (If/Else branches): the first save speaks for both
    declared = scope.declared(variable)
    if declared is None or declared.scope not in ("local", "parameter"):
        return  # a Private (declared or implicit) is seen by the functions it calls, which may restore it
    restores = []
    for restore in ctx.calls_in(scope, "restarea"):
        arguments = restore.child_by_field_name("arguments")
        if ctx.ancestor(restore, frozenset({"code_block"}), frozenset()) is not None:
            return  # aEval(aAreas, {|a| RestArea(a)}): restores a list we do not track
        if arguments is not None and arguments.named_child_count and ctx.lower(arguments.named_children[0]) == variable:
            restores.append(_guarding_if(ctx, restore, variable) or restore)
    movers = [m.start_byte for m in ctx.calls_in(scope, *AREA_MOVERS) if m.start_byte > call.end_byte]
    if not restores:
        if movers:  # saved, moved, never put back
            yield ctx.hit(call, variable=variable)
        return
    for exit_node in ctx.returns_in(scope.node):
        moved = any(start < exit_node.start_byte for start in movers)
        if moved and exit_node.start_byte > call.end_byte and not _restored_before(call, restores, exit_node):
            yield ctx.hit(exit_node, variable=variable)
