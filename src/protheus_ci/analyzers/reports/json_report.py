"""The JSON report: findings with their messages, the summary and the gate.
It is also the baseline that `check --baseline` reads for new-code mode."""

from __future__ import annotations

import json
from typing import Any

from protheus_ci import __version__
from protheus_ci.analyzers.analysis import AnalysisResult
from protheus_ci.analyzers.catalog import Catalog
from protheus_ci.analyzers.gate import GateResult
from protheus_ci.analyzers.reports.counts import summary_json
from protheus_ci.analyzers.reports.i18n import message

#: Bumped when a field changes meaning or goes away; added fields keep it.
REPORT_VERSION = 1


def report_json(result: AnalysisResult, catalog: Catalog, gate: GateResult, lang: str) -> dict[str, Any]:
    return {
        "version": REPORT_VERSION,
        "tool": {"name": "protheus-ci", "version": __version__, "rules_version": catalog.version},
        "lang": lang,
        "summary": summary_json(result),
        "gate": gate.to_json(),
        "findings": [
            {**f.to_json(), "message": message(f, catalog, lang), "new": gate.is_new(f)} for f in result.findings
        ],
    }


def render(result: AnalysisResult, catalog: Catalog, gate: GateResult, lang: str) -> str:
    return json.dumps(report_json(result, catalog, gate, lang), indent=2, ensure_ascii=False) + "\n"
