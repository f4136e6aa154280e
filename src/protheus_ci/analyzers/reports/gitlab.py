"""GitLab Code Quality (`artifacts:reports:codequality`): the CodeClimate
subset GitLab reads. GitLab compares it with the target branch itself, so every
finding is listed; the format has no room for the gate's verdict."""

from __future__ import annotations

import json
from typing import Any

from protheus_ci.analyzers.analysis import AnalysisResult
from protheus_ci.analyzers.catalog import Catalog
from protheus_ci.analyzers.gate import GateResult
from protheus_ci.analyzers.reports.i18n import message


def issues(result: AnalysisResult, catalog: Catalog, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "issue",
            "description": f"{f.code} {message(f, catalog, lang)}",
            "check_name": f.code,
            "fingerprint": f.fingerprint,
            # Our severities are GitLab's own five, by name.
            "severity": f.severity.value,
            "categories": [catalog.meta[f.code].category],
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        }
        for f in result.findings
    ]


def render(result: AnalysisResult, catalog: Catalog, gate: GateResult, lang: str) -> str:
    return json.dumps(issues(result, catalog, lang), indent=2, ensure_ascii=False) + "\n"
