"""Syntax errors, from the project's tree-sitter grammar (``protheus_ci.analyzers.parsing``).

The grammar and its walk over ERROR/MISSING nodes belong to the analyzers; the bridge
only puts each problem into the compiler's message shape (C2001).
"""

from __future__ import annotations

from pathlib import Path

import protheus_ci.analyzers._advpl as grammar_module
from protheus_ci.analyzers.parsing import parse_bytes, syntax_problems
from protheus_ci.compiler_bridge import codes
from protheus_ci.compiler_bridge.types import Diagnostic


def grammar_identity() -> str:
    """Changes whenever the compiled grammar does, so cached syntax results expire with it."""
    stat = Path(grammar_module.__file__ or "").stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def syntax_diagnostics(path: str, data: bytes) -> list[Diagnostic]:
    code = codes.SYNTAX_ERROR
    return [
        Diagnostic(path, p.line, p.column, code.code, code.severity, f"{code.title}: {p.kind}")
        for p in syntax_problems(parse_bytes(data), data)
    ]
