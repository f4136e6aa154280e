"""Inline suppression, written as an ADVPL comment that names the codes:

    nTotal := 0  // protheus-ci: ignore SCP002
    // protheus-ci: ignore-next-line SQL001, SQL002

Codes may be prefixes (`SQL`); a comment without codes suppresses nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

# Read straight from the bytes: a directive is rare, and looking for it this way
# costs one regex pass instead of visiting every comment of every file.
_DIRECTIVE = re.compile(rb"protheus-ci:[ \t]*(ignore-next-line|ignore)[ \t]+([A-Z0-9 ,\t]+)", re.IGNORECASE)


def suppressions(data: bytes, line_of: Callable[[int], int]) -> dict[int, set[str]]:
    """Line (1-based) -> codes or prefixes suppressed on it."""
    result: dict[int, set[str]] = defaultdict(set)
    for match in _DIRECTIVE.finditer(data):
        codes = {c.upper() for c in match.group(2).decode("ascii").replace(",", " ").split()}
        line = line_of(match.start())
        target = line + 1 if match.group(1).lower() == b"ignore-next-line" else line
        result[target] |= codes
    return result


def is_suppressed(code: str, line: int, table: dict[int, set[str]]) -> bool:
    return any(code.startswith(prefix) for prefix in table.get(line, ()))
