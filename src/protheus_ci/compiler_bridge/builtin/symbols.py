"""The symbol index of a source: functions, classes, methods and REST routes.

It reads the comment-free source, not the ``.ppo``: definitions are written plainly, and
the index must not depend on which headers a customer's machine happens to have.
"""

from __future__ import annotations

import re

from protheus_ci.compiler_bridge.preprocessor.source_text import split_lines
from protheus_ci.compiler_bridge.preprocessor.tokens import strip_comments
from protheus_ci.compiler_bridge.types import Symbol

# ``User Function X`` is stored as ``U_X`` in the repository, and so on for each prefix.
_PREFIXES = {"USER": "U_", "TEMPLATE": "T_", "WEB": "W_", "HTML": "H_", "PROJECT": "P_", "PYME": "E_"}
_FUNCTION = re.compile(r"^\s*(?:(static|main|user|template|web|html|project|pyme)\s+)?function\s+(\w+)", re.I)
_CLASS = re.compile(r"^\s*class\s+(\w+)", re.I)
_METHOD = re.compile(r"^\s*(?:ws)?method\s+(\w+).*?\b(?:class|wsservice|wsrestful)\s+(\w+)", re.I)
_ROUTE = re.compile(r'^\s*@(get|post|put|delete|patch)\s*\(\s*(?:endpoint\s*=\s*)?["\']([^"\']+)', re.I)
_WSMETHOD_ROUTE = re.compile(
    r"^\s*wsmethod\s+(get|post|put|delete|patch)\b.*?\bwssyntax\s+[\"']([^\"']+)", re.I
)


def scan_symbols(text: str) -> list[Symbol]:
    symbols: list[Symbol] = []
    for number, line in enumerate(split_lines(strip_comments(text)), start=1):
        if match := _FUNCTION.match(line):
            prefix, name = (match.group(1) or "").upper(), match.group(2)
            if prefix == "STATIC":
                symbols.append(Symbol("static function", name.upper(), number))
            else:
                symbols.append(Symbol("function", _PREFIXES.get(prefix, "") + name.upper(), number))
        elif match := _METHOD.match(line):
            symbols.append(Symbol("method", f"{match.group(2).upper()}:{match.group(1).upper()}", number))
        elif match := _CLASS.match(line):
            symbols.append(Symbol("class", match.group(1).upper(), number))
        elif match := _ROUTE.match(line) or _WSMETHOD_ROUTE.match(line):
            symbols.append(Symbol("route", f"{match.group(1).upper()} {match.group(2)}", number))
    return symbols
