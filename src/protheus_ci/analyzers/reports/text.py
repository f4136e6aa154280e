"""The console report: one `path:line:col: CODE message` line per finding, as
ruff and flake8 print them, then the summary and the gate's verdict."""

from __future__ import annotations

from protheus_ci.analyzers.analysis import AnalysisResult
from protheus_ci.analyzers.catalog import Catalog
from protheus_ci.analyzers.gate import GateResult
from protheus_ci.analyzers.reports.counts import by_file, by_severity
from protheus_ci.analyzers.reports.i18n import counted, message, severity_name, t


def render(result: AnalysisResult, catalog: Catalog, gate: GateResult, lang: str) -> str:
    # In new-code mode only what gates is listed: the findings a change brought.
    lines = [
        f"{f.path}:{f.line}:{f.column}: {f.code} {message(f, catalog, lang)}" for f in result.findings if gate.is_new(f)
    ]
    if lines:
        lines.append("")
    lines.extend(verdict_lines(result, gate, lang))
    return "\n".join(lines) + "\n"


def verdict_lines(result: AnalysisResult, gate: GateResult, lang: str) -> list[str]:
    """The summary and the verdict; the command line also prints them on stderr
    when the report itself goes to a file or is not for people."""
    checked = counted(lang, result.files, "checked")
    if result.findings:
        details = ", ".join(f"{severity_name(lang, s)}: {n}" for s, n in by_severity(result.findings).items() if n)
        files = counted(lang, len(by_file(result.findings)), "file")
        found = counted(lang, len(result.findings), "finding")
        lines = [t(lang, "summary.found", findings=found, files=files, details=details, checked=checked)]
    else:
        lines = [t(lang, "summary.clean", checked=checked)]
    if gate.baseline:
        lines.append(t(lang, "summary.new_code", new=gate.new, existing=gate.existing))
    if gate.passed:
        lines.append(t(lang, "gate.passed"))
    else:
        over = "; ".join(
            t(lang, "gate.over", severity=severity_name(lang, s), count=gate.counts[s], limit=gate.limits[s])
            for s in gate.failed
        )
        lines.append(t(lang, "gate.failed", details=over))
    return lines
