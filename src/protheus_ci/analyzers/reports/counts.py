"""Tallies every report shows: findings per severity, per rule and per file."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from protheus_ci.analyzers.analysis import AnalysisResult
from protheus_ci.analyzers.findings import Finding
from protheus_ci.analyzers.gate import SEVERITIES
from protheus_ci.analyzers.severity import Severity


def by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Every severity, most severe first, zero when absent."""
    tally = Counter(f.severity for f in findings)
    return {s: tally[s] for s in SEVERITIES}


def by_rule(findings: Iterable[Finding]) -> dict[str, int]:
    """Rule codes that fired, most frequent first, then by code."""
    tally = Counter(f.code for f in findings)
    return dict(sorted(tally.items(), key=lambda item: (-item[1], item[0])))


def by_file(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code)):
        grouped.setdefault(finding.path, []).append(finding)
    return grouped


def summary_json(result: AnalysisResult) -> dict[str, Any]:
    return {
        "files": result.files,
        "analyzed": result.analyzed,
        "cached": result.cached,
        "seconds": round(result.seconds, 3),
        "findings": len(result.findings),
        "files_with_findings": len(by_file(result.findings)),
        "by_severity": {s.value: n for s, n in by_severity(result.findings).items()},
        "by_rule": by_rule(result.findings),
    }
