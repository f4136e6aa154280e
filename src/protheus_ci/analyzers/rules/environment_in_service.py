"""SEC004: RpcSetEnv, RpcSetType or PREPARE ENVIRONMENT inside REST or SOAP code."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.job_entry_points import is_service_function

_QUERY = """[
  (call_expression
    function: (identifier) @fn
    (#match? @fn "(?i)^(rpcsetenv|rpcsettype)$"))
  (command_statement
    name: (identifier) @command . (identifier) @environment
    (#match? @command "(?i)^prepare$")
    (#match? @environment "(?i)^environment$"))
] @setup"""


@on_query("SEC004", _QUERY)
def environment_in_service(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    setup = captures["setup"][0]
    if is_service_function(ctx, ctx.function_at(setup)):
        if "command" in captures:
            yield ctx.hit(setup, function="PREPARE ENVIRONMENT")
        else:
            yield ctx.hit(captures["fn"][0], function=ctx.text(captures["fn"][0]))
