"""UI001: screens and messages in code that runs as a job or a web service,
without an `IsBlind()` guard."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext, FunctionScope
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.call_arguments import argument
from protheus_ci.analyzers.rules.job_entry_points import DIALOG_COMMAND, EntryPoints, entry_points, guarded
from protheus_ci.analyzers.rules.ui_calls import UI_CALLS


def _entry(points: EntryPoints, scope: FunctionScope) -> str:
    """The entry point the code runs under: the function itself, or its caller."""
    return points.callees.get(scope.start_byte, scope.name)


def _is_ui(ctx: FileContext, call: Node, name: str) -> bool:
    # Pergunte(cGroup, .F.) only loads MV_PARxx, with no screen.
    if name == "pergunte":
        show = argument(call, 1)
        return show is None or ctx.lower(show) != ".f."
    return True


@on_file("UI001")
def ui_in_jobs(ctx: FileContext) -> Iterator[Hit]:
    points = entry_points(ctx)
    if not (points.endpoints or points.jobs):
        return
    for name in UI_CALLS:
        for call in ctx.calls.get(name, ()):
            scope = ctx.function_at(call)
            if (
                scope is not None
                and points.reachable(scope)
                and _is_ui(ctx, call, name)
                and not guarded(ctx, call, scope)
            ):
                function = call.child_by_field_name("function")
                yield ctx.hit(function or call, function=ctx.text(function or call), entry=_entry(points, scope))
    for match in DIALOG_COMMAND.finditer(ctx.data):
        start = match.end() - 1
        scope = ctx.function_at_byte(start)
        node = ctx.tree.root_node.descendant_for_byte_range(start, start)
        command = ctx.ancestor(node, frozenset({"command_statement"})) if node is not None else None
        if scope is not None and command is not None and points.reachable(scope) and not guarded(ctx, command, scope):
            text = " ".join(match.group(0).decode("cp1252").split()).upper()
            yield ctx.hit(command, function=text, entry=_entry(points, scope))
