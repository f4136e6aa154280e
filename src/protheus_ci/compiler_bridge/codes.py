"""The closed set of diagnostic codes the built-in backend emits.

``Cnnnn`` codes are the TOTVS compiler's own (advpl-reference.md section 5), so a message
reads the same whichever backend produced it. ``PCInnn`` codes are ours, for checks the
TOTVS compiler makes at a later stage (the AppServer repository) or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from protheus_ci.compiler_bridge.types import Severity


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    severity: Severity
    title: str


SYNTAX_ERROR = Code("C2001", Severity.ERROR, "Syntax error")
UNTERMINATED = Code("C2002", Severity.ERROR, "Statement unterminated at end of line")
SYNTAX_ERROR_STATEMENT = Code("C2003", Severity.ERROR, "Syntax Error")
FILE_NOT_FOUND = Code("C2090", Severity.ERROR, "File not found")
ANNOTATION_IN_ADVPL = Code("C9907", Severity.ERROR, "Invalid use of Annotation in ADVPL source file")

INCLUDE_CASE = Code("PCI001", Severity.WARNING, "Include name differs in case from the file on disk")
INCLUDE_CYCLE = Code("PCI002", Severity.ERROR, "Include cycle")
RUNAWAY_EXPANSION = Code("PCI003", Severity.ERROR, "Runaway macro expansion")
INCLUDE_ESCAPES = Code("PCI004", Severity.ERROR, "Include path escapes the repository")
COMPRESSED_HEADER = Code("PCI005", Severity.ERROR, "Unreadable TOTVS compressed header")
BAD_DIRECTIVE = Code("PCI006", Severity.ERROR, "Malformed preprocessor directive")
USER_ERROR = Code("PCI007", Severity.ERROR, "#error directive")
UNBALANCED_CONDITIONAL = Code("PCI008", Severity.ERROR, "Unbalanced #ifdef/#else/#endif")
DUPLICATE_FUNCTION = Code("PCI010", Severity.ERROR, "Function defined twice")
TRUNCATION_COLLISION = Code("PCI011", Severity.ERROR, "Names collide after 10-character truncation")
TLPP_SYNTAX_IN_ADVPL = Code("PCI012", Severity.ERROR, "TLPP-only syntax in an ADVPL source")
ALREADY_PUBLISHED = Code("PCI013", Severity.ERROR, "Function already published by another source")
