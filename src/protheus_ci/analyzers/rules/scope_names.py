"""What names a function can see, for the scoping rules (memoized per file)."""

from __future__ import annotations

import re

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext, FunctionScope

_WORD = re.compile(r"[A-Za-z_]\w*")
#: Old sources declare Privates by name in a string: SetPrvt("cA,cB").
_PRIVATE_BY_NAME = ("setprvt", "_setownerprvt", "_setnamedprvt")


def declared_names(ctx: FileContext, scope: FunctionScope) -> frozenset[str]:
    """Everything the function declares: Local/Static/Private/Public, parameters,
    `Default` targets and names given to SetPrvt."""
    return ctx.memo(("declared", scope.start_byte), lambda: _declared_names(ctx, scope))


def _declared_names(ctx: FileContext, scope: FunctionScope) -> frozenset[str]:
    names = set(scope.declarations)
    body = scope.body
    for statement in body.named_children if body is not None else ():
        if statement.type == "default_statement":
            for assignment in statement.named_children:
                name = assignment.child_by_field_name("name")
                if name is not None:
                    names.add(ctx.lower(name))
    for call in ctx.calls_in(scope, *_PRIVATE_BY_NAME):
        arguments = call.child_by_field_name("arguments")
        for argument in arguments.named_children if arguments is not None else ():
            if argument.type == "string":
                names.update(word.lower() for word in _WORD.findall(ctx.text(argument)))
    return frozenset(names)


def after_return(scope: FunctionScope) -> list[Node]:
    """Top-level statements after the function's first top-level Return. ADVPL
    functions have no closing keyword, so file-level code written between two
    functions (typically `Static` variables) parses as the end of the first one."""
    body = scope.body
    statements = body.named_children if body is not None else []
    for i, statement in enumerate(statements):
        if statement.type == "return_statement":
            return statements[i + 1 :]
    return []


def file_statics(ctx: FileContext) -> frozenset[str]:
    """File-level Static variables, wherever between the functions they are written."""
    return ctx.memo("file-statics", lambda: _file_statics(ctx))


def _file_statics(ctx: FileContext) -> frozenset[str]:
    names = {n for n, d in ctx.file_declarations.items() if d.scope == "static"}
    for scope in ctx.functions:
        for statement in after_return(scope):
            if statement.type == "variable_declaration" and ctx.lower(statement.children[0]) == "static":
                for declarator in statement.named_children:
                    name = declarator.child_by_field_name("name")
                    if name is not None:
                        names.add(ctx.lower(name))
    return frozenset(names)


def shared_names(ctx: FileContext) -> frozenset[str]:
    """File-level declarations and every Private/Public any function of the file
    declares: functions of one source often share them on purpose."""
    return frozenset(ctx.file_declarations) | file_statics(ctx) | file_privates(ctx)


def file_privates(ctx: FileContext) -> frozenset[str]:
    """Names some function of the file declares Private or Public: a macro or
    Type() may see that variable (often the same value, passed along)."""
    return ctx.memo("file-privates", lambda: _file_privates(ctx))


def _file_privates(ctx: FileContext) -> frozenset[str]:
    names = {n for n, d in ctx.file_declarations.items() if d.scope in ("private", "public")}
    for scope in ctx.functions:
        names.update(n for n, d in scope.declarations.items() if d.scope in ("private", "public"))
    return frozenset(names)


def local_names(ctx: FileContext, scope: FunctionScope) -> dict[str, str]:
    """Names a macro cannot see from this function: its Locals, Statics and formal
    parameters, and the file's Statics, with their scope; minus names the file
    also declares Private or Public, which the macro may see instead."""
    found = dict.fromkeys(file_statics(ctx), "static")
    for name, declaration in scope.declarations.items():
        if declaration.scope in ("local", "static"):
            found[name] = declaration.scope
        elif _is_formal_parameter(declaration.node):
            found[name] = "local"  # formal parameters are Locals
        else:
            found.pop(name, None)  # Private, Public, or the Parameters statement's Privates
    for name in file_privates(ctx):
        found.pop(name, None)
    return found


def code_block_parameters(ctx: FileContext, node: Node) -> set[str]:
    """Parameters of the code blocks around `node`, which are local to them."""
    names: set[str] = set()
    current = node.parent
    while current is not None and current.type not in ("function_definition", "method_definition"):
        if current.type == "code_block":
            # Read the names from the text: the grammar leaves the first
            # parameter out of the node's children.
            for parameters in current.children_by_field_name("parameters"):
                names.update(word.lower() for word in _WORD.findall(ctx.text(parameters)))
        current = current.parent
    return names


def _is_formal_parameter(name: Node) -> bool:
    return name.parent is not None and name.parent.type == "parameter"
