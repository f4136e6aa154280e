"""SEC002: assigning `__cUserID`, the logged-in user's id."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.framework_variables import assignment_query, framework_assignments


@on_query("SEC002", assignment_query("__cuserid"))
def user_id_assignment(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    return framework_assignments(ctx, captures)
