"""LEG004: ISAM drivers and temporary files instead of FWTemporaryTable."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.call_arguments import positional_arguments

_QUERY = """[
  (call_expression
    function: (identifier) @fn
    (#match? @fn "(?i)^(mscreate|dbcreate|criatrab|msfile|mserase|mscopyfile|dbusearea)$"))
  (command_statement
    name: (identifier) @command . (identifier) @target
    (#match? @command "(?i)^copy$")
    (#match? @target "(?i)^(to|structure)$"))
] @call"""
#: The variable the framework sets to the local ISAM driver.
_LOCAL_DRIVERS = frozenset({"__localdriver"})


def _uses_isam(ctx: FileContext, call: Node, name: str) -> bool:
    arguments = positional_arguments(call)
    if name == "criatrab":
        # CriaTrab(aStru, .F.) only reserves a name; .T. creates the file.
        return len(arguments) > 1 and arguments[1] is not None and ctx.lower(arguments[1]) == ".t."
    if name == "dbusearea":
        driver = arguments[1] if len(arguments) > 1 else None
        if driver is None or driver.type == "nil":
            # No driver: the default RDD, unless it opens a query.
            table = arguments[2] if len(arguments) > 2 else None
            return table is not None and "tcgenqry" not in ctx.lower(table)
        if driver.type == "string":
            return ctx.lower(driver).strip("\"'[] ") != "topconn"
        return ctx.lower(driver) in _LOCAL_DRIVERS
    # The file functions also serve DBAccess tables: told "TOPCONN", or given
    # a table name from RetSqlName.
    return not any(a is not None and ("topconn" in (text := ctx.lower(a)) or "retsqlname" in text) for a in arguments)


@on_query("LEG004", _QUERY)
def isam_files(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    node = captures["call"][0]
    if "command" in captures:
        yield ctx.hit(node, function="COPY " + ctx.text(captures["target"][0]).upper())
        return
    function = captures["fn"][0]
    if _uses_isam(ctx, node, ctx.lower(function)):
        yield ctx.hit(function, function=ctx.text(function))
