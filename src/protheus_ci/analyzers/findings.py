"""What a check reports: one finding, with a stable fingerprint."""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from protheus_ci.analyzers.severity import Severity

_BLANKS = re.compile(r"\s+")


@dataclass(slots=True)
class Finding:
    """A rule's finding at a place in a file.

    `args` fill the rule's message template, so a finding can be shown in
    English or Portuguese after it was cached. Lines and columns are 1-based,
    columns count characters.
    """

    code: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    severity: Severity
    function: str = ""
    args: dict[str, str] = field(default_factory=dict)
    line_text: str = ""
    fingerprint: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def to_row(self) -> tuple[Any, ...]:
        """Plain values in field order: what the result cache stores (see
        `FileAnalysis.from_row` for the way back)."""
        return (
            self.code,
            self.path,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.severity.value,
            self.function,
            self.args,
            self.line_text,
            self.fingerprint,
        )



#: Severity by name, for rebuilding findings from cached rows.
SEVERITIES = {severity.value: severity for severity in Severity}


def fingerprint(code: str, path: str, function: str, line_text: str, occurrence: int) -> str:
    """A fingerprint that survives moved lines: rule, file, enclosing function and
    the line's text with blanks folded and case ignored (ADVPL is case-blind), plus
    which occurrence of that same text it is."""
    normalized = _BLANKS.sub(" ", line_text).strip().lower()
    key = "\x1f".join((code, path, function.lower(), normalized, str(occurrence)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
