"""Static analysis of ADVPL/TLPP sources: parsing, rules and reports.

This package never imports Flask or the pipeline: the service calls it, and so
do the command line and the editor integrations.
"""

from protheus_ci.analyzers.language import Dialect, dialect_for, is_source_path
from protheus_ci.analyzers.parsing import (
    ParsedSource,
    SyntaxProblem,
    parse_bytes,
    parse_source,
    syntax_problems,
)
from protheus_ci.analyzers.sources import SourceText, decode_for_display, read_source

__all__ = [
    "Dialect",
    "ParsedSource",
    "SourceText",
    "SyntaxProblem",
    "decode_for_display",
    "dialect_for",
    "is_source_path",
    "parse_bytes",
    "parse_source",
    "read_source",
    "syntax_problems",
]
