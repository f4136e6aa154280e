"""What a rule can ask about the file it checks."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tree_sitter import Node, Tree

from protheus_ci.analyzers.language import Dialect
from protheus_ci.analyzers.rules.api import Hit
from protheus_ci.analyzers.sources import SourceText, decode_for_display

FUNCTION_TYPES = frozenset({"function_definition", "method_definition", "wsmethod_definition"})
LOOP_TYPES = frozenset({"while_statement", "for_statement"})
#: Code blocks run later (often inside loops: aEval, MsExecAuto), so a loop or
#: a transaction around a code block is not a loop or transaction around its body.
SCOPE_BARRIERS = FUNCTION_TYPES | {"code_block"}

T = TypeVar("T")


@dataclass(slots=True)
class Declaration:
    name: str  # lowercase
    scope: str  # local, static, private, public, parameter
    node: Node


@dataclass(slots=True)
class FunctionScope:
    """A function, method or web-service method, with what it declares."""

    node: Node
    name: str
    kind: str  # user, static, function, main, method, wsmethod, ...
    class_name: str = ""
    declarations: dict[str, Declaration] = field(default_factory=dict)

    @property
    def body(self) -> Node | None:
        return self.node.child_by_field_name("body")

    @property
    def start_byte(self) -> int:
        return self.node.start_byte

    @property
    def end_byte(self) -> int:
        return self.node.end_byte

    def declared(self, name: str) -> Declaration | None:
        return self.declarations.get(name.lower())


class FileContext:
    """One parsed file, its options, and shared answers about its code."""

    def __init__(
        self,
        source: SourceText,
        tree: Tree,
        path: str,
        dialect: Dialect,
        options: dict[str, dict[str, Any]],
        settings: dict[str, Any],
    ) -> None:
        self.source = source
        self.data = source.data
        self.tree = tree
        self.path = path
        self.dialect = dialect
        self.settings = settings
        self._options = options
        self.code = ""  # the rule being run, set by the engine
        self.functions: list[FunctionScope] = []
        self._function_starts: list[int] = []
        self.calls: dict[str, list[Node]] = {}
        self.embedded_sql: list[Node] = []
        self.returns: list[Node] = []  # every Return statement, in order
        #: (scope, name node) of every Local/Static/Private/Public declarator, in order
        self.declared_names: list[tuple[str, Node]] = []
        self.decisions: list[Node] = []  # every branch point (If, Case, loops, .And./.Or.)
        self.file_declarations: dict[str, Declaration] = {}
        self._memo: dict[Hashable, Any] = {}

    # -- set up by the engine ------------------------------------------------

    def index_functions(self, nodes: list[Node]) -> None:
        for node in sorted(nodes, key=lambda n: n.start_byte):
            self.functions.append(_scope_for(node, self))
        self._function_starts = [f.start_byte for f in self.functions]

    def add_declaration(self, scope: str, name_node: Node) -> None:
        name = self.lower(name_node)
        function = self.function_at(name_node)
        target = function.declarations if function else self.file_declarations
        target.setdefault(name, Declaration(name, scope, name_node))

    # -- text -------------------------------------------------------------------

    def text(self, node: Node) -> str:
        return decode_for_display(self.data[node.start_byte : node.end_byte])

    def lower(self, node: Node) -> str:
        return self.text(node).lower()

    @property
    def lower_data(self) -> bytes:
        """The file's bytes in lowercase (same offsets), for cheap keyword tests."""
        return self.memo("lower_data", self.data.lower)

    # -- structure --------------------------------------------------------------

    def function_at(self, node: Node) -> FunctionScope | None:
        i = bisect.bisect_right(self._function_starts, node.start_byte) - 1
        if i >= 0 and self.functions[i].end_byte >= node.end_byte:
            return self.functions[i]
        return None

    def function_at_byte(self, offset: int) -> FunctionScope | None:
        i = bisect.bisect_right(self._function_starts, offset) - 1
        if i >= 0 and offset < self.functions[i].end_byte:
            return self.functions[i]
        return None

    def ancestor(self, node: Node, types: frozenset[str], barriers: frozenset[str] = SCOPE_BARRIERS) -> Node | None:
        """The nearest ancestor of one of `types`, not looking past a function or code block."""
        current = node.parent
        while current is not None:
            if current.type in types:
                return current
            if current.type in barriers:
                return None
            current = current.parent
        return None

    def in_loop(self, node: Node) -> Node | None:
        return self.ancestor(node, LOOP_TYPES)

    def in_transaction(self, node: Node) -> Node | None:
        return self.ancestor(node, frozenset({"transaction_statement"}))

    def calls_in(self, scope: FunctionScope | None, *names: str) -> list[Node]:
        """Calls to any of `names` inside `scope` (or anywhere when scope is None)."""
        found: list[Node] = []
        for name in names:
            for call in self.calls.get(name.lower(), ()):
                if scope is None or scope.start_byte <= call.start_byte < scope.end_byte:
                    found.append(call)
        return sorted(found, key=lambda n: n.start_byte)

    def returns_in(self, node: Node) -> list[Node]:
        """The Return statements inside `node`, from the single query pass."""
        start = bisect.bisect_left(self._return_starts(), node.start_byte)
        end = bisect.bisect_left(self._return_starts(), node.end_byte)
        return self.returns[start:end]

    def _return_starts(self) -> list[int]:
        return self.memo("return_starts", lambda: [r.start_byte for r in self.returns])

    def descendants(self, node: Node, types: frozenset[str]) -> Iterator[Node]:
        stack = list(reversed(node.named_children))
        while stack:
            current = stack.pop()
            if current.type in types:
                yield current
            stack.extend(reversed(current.named_children))

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A per-file answer several checks (or several matches) need, computed once."""
        if key not in self._memo:
            self._memo[key] = compute()
        result: T = self._memo[key]
        return result

    # -- options and reports ------------------------------------------------------

    def option(self, name: str, default: Any) -> Any:
        return self._options.get(self.code, {}).get(name, default)

    def hit(self, node: Node, **args: object) -> Hit:
        return Hit(node.start_byte, node.end_byte, {k: str(v) for k, v in args.items()})

    def hit_bytes(self, start: int, end: int, **args: object) -> Hit:
        return Hit(start, end, {k: str(v) for k, v in args.items()})


_MODIFIERS = {
    "user",
    "static",
    "main",
    "template",
    "project",
    "web",
    "html",
    "pyme",
    "webuser",
    "public",
    "private",
}


def _scope_for(node: Node, ctx: FileContext) -> FunctionScope:
    name_node = node.child_by_field_name("name")
    scope = FunctionScope(node, ctx.text(name_node) if name_node else "", "function")
    if node.type == "method_definition":
        class_node = node.child_by_field_name("class")
        scope.kind, scope.class_name = "method", ctx.text(class_node) if class_node else ""
    elif node.type == "wsmethod_definition":
        scope.kind = "wsmethod"
    else:
        modifier = node.child_by_field_name("modifier")
        if modifier is not None and (first := ctx.lower(modifier).split()[0]) in _MODIFIERS:
            scope.kind = first
    parameters = node.child_by_field_name("parameters")
    if parameters is not None:
        for parameter in parameters.named_children:
            pname = parameter.child_by_field_name("name")
            if pname is not None:
                lowered = ctx.lower(pname)
                scope.declarations[lowered] = Declaration(lowered, "parameter", pname)
    return scope
