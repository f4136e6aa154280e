"""Reading advpls console output into the bridge's diagnostics.

Shapes (advpl-reference.md section 5): ``[LOG]``/``[INFO]``/``[WARN]``/``[ERROR]``
prefixes, ``[SUCCESS] Source <path> compiled successfully.``, ``[ERROR] [SERVER MESSAGE]
FILE(line) Error Cnnnn text``, ``[FATAL] Aborting: FILE(line) Cnnnn text`` and the
closing ``tdscli batch error [n]!!!``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protheus_ci.compiler_bridge.types import Diagnostic, Severity

_PREFIX = re.compile(
    r"^\s*(?:\[(?:Error|Warn|Info|Log)\s*-\s*[^\]]*\]\s*)?\[(LOG|INFO|WARN|ERROR|FATAL)\]\s*(.*)$"
)
_SUCCESS = re.compile(r"\[SUCCESS\]\s+Source\s+(.+?)\s+compiled successfully", re.I)
_MESSAGE = re.compile(
    r"(?P<file>[^\s()]*)\((?P<line>\d+)\)\s+(?:(?P<kind>error|warning)\s+)?(?P<code>C\d{4})?\s*(?P<text>.*)$",
    re.I,
)
_BATCH_ERROR = re.compile(r"tdscli batch error \[(\d+)\]", re.I)
_CONNECTION = re.compile(
    r"error ocurred while connection|connection refused|could not connect|unable to connect", re.I
)
_SCRIPT_MISSING = re.compile(r"Script (.+) not found", re.I)
_SEVERITY = {"ERROR": Severity.ERROR, "FATAL": Severity.ERROR, "WARN": Severity.WARNING}
UNKNOWN_CODE = "C0000"


@dataclass(slots=True)
class ParsedOutput:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    compiled: list[str] = field(default_factory=list)
    batch_error: int | None = None
    aborted: bool = False
    connection_error: str | None = None
    script_missing: str | None = None
    errors: list[str] = field(default_factory=list)  # [ERROR] lines that are not compiler messages


def _diagnostic(level: str, body: str) -> Diagnostic | None:
    body = re.sub(r"^(?:\[SERVER MESSAGE\]\s*|Aborting:\s*)+", "", body).strip()
    match = _MESSAGE.match(body)
    if match is None:
        return None
    severity = _SEVERITY[level]
    if (match.group("kind") or "").lower() == "warning":
        severity = Severity.WARNING
    text = match.group("text").strip()
    return Diagnostic(
        match.group("file"), int(match.group("line")), 1, match.group("code") or UNKNOWN_CODE, severity, text
    )


def parse_output(output: str) -> ParsedOutput:
    parsed = ParsedOutput()
    for raw in output.splitlines():
        if batch := _BATCH_ERROR.search(raw):
            parsed.batch_error = int(batch.group(1))
            continue
        match = _PREFIX.match(raw)
        if match is None:
            continue
        level, body = match.groups()
        if success := _SUCCESS.search(body):
            parsed.compiled.append(success.group(1))
            continue
        if level == "FATAL":
            parsed.aborted = True
        if level not in _SEVERITY:
            continue
        if _CONNECTION.search(body):
            parsed.connection_error = body.replace("\\n", " ").replace("\\r", " ").strip()
            continue
        if missing := _SCRIPT_MISSING.search(body):
            parsed.script_missing = missing.group(1)
            continue
        diagnostic = _diagnostic(level, body)
        if diagnostic is not None:
            parsed.diagnostics.append(diagnostic)
        elif level != "WARN":
            parsed.errors.append(body)
    return parsed
