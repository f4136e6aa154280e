"""Shared by rules that read a call's arguments by position."""

from __future__ import annotations

from tree_sitter import Node


def positional_arguments(call: Node) -> list[Node | None]:
    """A call's arguments by position, None where one is left empty (`f(a,,c)`),
    since skipped arguments leave no node in the tree."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    found: list[Node | None] = []
    pending: Node | None = None
    for child in arguments.children:
        if child.type == ",":
            found.append(pending)
            pending = None
        elif child.is_named and child.type != "comment":
            pending = child
    if found or pending is not None:
        found.append(pending)
    return found


def argument(call: Node, position: int) -> Node | None:
    arguments = positional_arguments(call)
    return arguments[position] if position < len(arguments) else None
