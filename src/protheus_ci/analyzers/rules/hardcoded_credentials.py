"""SEC001: passwords, tokens and secrets written as literals in the source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.call_arguments import argument

_NAME = '(identifier) @name (#match? @name "(?i)(senha|passw|pwd|pass|token|secret|api_?key)")'
_TARGET = f"[({_NAME}) (member_expression member: {_NAME}) (self_member_expression member: {_NAME})]"
_QUERY = f"""[
  (variable_declarator name: {_NAME} value: (string) @value)
  (assignment_expression left: {_TARGET} right: (string) @value)
  (assignment_statement left: {_TARGET} right: (string) @value)
  (call_expression
    function: [(identifier) @fn (member_expression member: (identifier) @fn)]
    (#match? @fn "(?i)^(rpcsetenv|mailauth|smtpauth|ftpconnect)$"))
  (command_statement (identifier) @keyword . (string) @value (#match? @keyword "(?i)^password$"))
] @node"""

#: `Pass` only as a word of its own in the camel-case name: cPass, cPassWS,
#: cRpcPass, but not cPasso ("step") or cPassado ("past").
_CASE_SENSITIVE_PASS = re.compile(r"pass(?![a-z])|PASS(?![A-Z])|Pass(?![a-z])")
#: Argument position (0-based) of the password, per function.
_PASSWORD_ARGUMENT = {"rpcsetenv": 3, "mailauth": 1, "smtpauth": 1, "ftpconnect": 3}
#: Not secrets: the fixed, documented user token TOTVS's TSS web services
#: expect, and placeholder words left for whoever configures the code.
_PUBLIC_VALUES = frozenset({"totvs", "senha", "password", "token", "secret", "usuario", "user"})


def _secret_name(name: str) -> bool:
    lowered = name.lower()
    if any(word in lowered for word in ("senha", "password", "passwd", "pwd", "token", "secret", "apikey", "api_key")):
        return True
    return _CASE_SENSITIVE_PASS.search(name) is not None


def _looks_like_secret(literal: str) -> bool:
    """A value, not an empty default, a placeholder text, a label or a
    parameter name: no spaces, at least four characters."""
    value = literal[1:-1] if len(literal) >= 2 else ""
    return (
        len(value) >= 4
        and not any(c.isspace() for c in value)
        and value.lower() not in _PUBLIC_VALUES
        and not value.upper().startswith("MV_")
        and not value.endswith(":")
        and len(set(value)) > 1  # "****", "xxxx"
    )


@on_query("SEC001", _QUERY)
def hardcoded_credentials(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    if "fn" in captures:
        function = captures["fn"][0]
        secret = argument(captures["node"][0], _PASSWORD_ARGUMENT[ctx.lower(function)])
        if secret is not None and secret.type == "string" and _looks_like_secret(ctx.text(secret)):
            yield ctx.hit(secret, what=f"{ctx.text(function)}() password")
        return
    value = captures["value"][0]
    if "keyword" in captures:
        if _looks_like_secret(ctx.text(value)):
            yield ctx.hit(value, what="PASSWORD clause")
        return
    name = ctx.text(captures["name"][0])
    if _secret_name(name) and _looks_like_secret(ctx.text(value)):
        yield ctx.hit(value, what=name)
