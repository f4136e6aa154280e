"""The built-in compile checks that are not syntax: language mix-ups and name clashes.

Per-file checks look at one source; repository checks look at the symbol index of all
of them (and of the target environment), because the AppServer repository is one flat
namespace of functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

from protheus_ci.compiler_bridge import codes
from protheus_ci.compiler_bridge.preprocessor.source_text import split_lines
from protheus_ci.compiler_bridge.preprocessor.tokens import strip_comments
from protheus_ci.compiler_bridge.types import Diagnostic, Symbol

# ADVPL keeps only the first 10 characters of a function name; TLPP keeps them all.
ADVPL_NAME_LENGTH = 10
_TLPP_SUFFIXES = {".tlpp", ".th"}
_ANNOTATION = re.compile(r"^\s*@[A-Za-z_]\w*\s*\(")
_TLPP_ONLY = re.compile(r"^\s*(?:using\s+)?namespace\s+[\w.]+\s*$", re.I)


def is_tlpp(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in _TLPP_SUFFIXES


def _diagnostic(code: codes.Code, path: str, line: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, 1, code.code, code.severity, message)


def file_checks(path: str, text: str) -> list[Diagnostic]:
    if is_tlpp(path):
        return []
    found: list[Diagnostic] = []
    for number, line in enumerate(split_lines(strip_comments(text)), start=1):
        if _ANNOTATION.match(line):
            found.append(
                _diagnostic(codes.ANNOTATION_IN_ADVPL, path, number, codes.ANNOTATION_IN_ADVPL.title)
            )
        elif _TLPP_ONLY.match(line):
            found.append(
                _diagnostic(
                    codes.TLPP_SYNTAX_IN_ADVPL, path, number, f"'{line.strip()}' needs a .tlpp source"
                )
            )
    return found


def repository_checks(
    symbols: Mapping[str, tuple[Symbol, ...]], published: Mapping[str, str]
) -> list[Diagnostic]:
    """Duplicates, 10-character collisions, and clashes with the target environment."""
    found: list[Diagnostic] = []
    owners: dict[str, tuple[str, Symbol]] = {}
    short_owners: dict[str, tuple[str, Symbol]] = {}
    for path in sorted(symbols):
        for symbol in symbols[path]:
            if symbol.kind != "function":
                continue
            first = owners.get(symbol.name)
            if first is not None:
                found.append(
                    _diagnostic(
                        codes.DUPLICATE_FUNCTION,
                        path,
                        symbol.line,
                        f"Function {symbol.name} already defined in {first[0]}({first[1].line})",
                    )
                )
                continue
            owners[symbol.name] = (path, symbol)
            owner = published.get(symbol.name)
            if owner is not None and owner != path:
                found.append(
                    _diagnostic(
                        codes.ALREADY_PUBLISHED,
                        path,
                        symbol.line,
                        f"Function {symbol.name} is already in the environment, compiled from {owner}",
                    )
                )
            if is_tlpp(path):
                continue
            short = symbol.name[:ADVPL_NAME_LENGTH]
            other = short_owners.get(short)
            if other is not None and other[1].name != symbol.name:
                found.append(
                    _diagnostic(
                        codes.TRUNCATION_COLLISION,
                        path,
                        symbol.line,
                        f"{symbol.name} and {other[1].name} ({other[0]}) are both {short} after truncation",
                    )
                )
            else:
                short_owners.setdefault(short, (path, symbol))
    return found
