"""The tree-sitter language for ADVPL/TLPP, and which files are written in it."""

from __future__ import annotations

import enum
from functools import cache
from pathlib import PurePath

from tree_sitter import Language

import protheus_ci.analyzers._advpl as _advpl


class Dialect(enum.StrEnum):
    """ADVPL and TLPP share one grammar; rules and the compiler tell them apart."""

    ADVPL = "advpl"
    TLPP = "tlpp"


#: Source extensions, compared case-insensitively (Windows users write `.PRW`).
ADVPL_EXTENSIONS = frozenset({".prw", ".prx", ".apw", ".apl", ".aph", ".ch"})
TLPP_EXTENSIONS = frozenset({".tlpp", ".th"})
HEADER_EXTENSIONS = frozenset({".ch", ".th"})
SOURCE_EXTENSIONS = ADVPL_EXTENSIONS | TLPP_EXTENSIONS


@cache
def language() -> Language:
    """The compiled grammar, loaded once per process."""
    return Language(_advpl.language())


def is_source_path(path: PurePath) -> bool:
    return path.suffix.lower() in SOURCE_EXTENSIONS


def is_header_path(path: PurePath) -> bool:
    return path.suffix.lower() in HEADER_EXTENSIONS


def dialect_for(path: PurePath) -> Dialect:
    """TLPP for `.tlpp` and `.th` files; ADVPL for everything else."""
    return Dialect.TLPP if path.suffix.lower() in TLPP_EXTENSIONS else Dialect.ADVPL
