"""The JSON report, which is also the baseline format."""

from __future__ import annotations

import json
from pathlib import Path

from protheus_ci.analyzers.gate import load_baseline
from protheus_ci.analyzers.reports import json_report
from reports.conftest import Analysed


def test_findings_summary_and_gate(analysed: Analysed) -> None:
    report = json.loads(json_report.render(analysed.result, analysed.catalog, analysed.gate, "pt-BR"))
    assert report["lang"] == "pt-BR"
    assert report["summary"]["files"] == 1
    assert report["summary"]["by_severity"] == {"blocker": 0, "critical": 1, "major": 0, "minor": 1, "info": 0}
    assert report["summary"]["by_rule"] == {"LEG001": 1, "TRN001": 1}
    assert report["gate"] == {
        "passed": False,
        "mode": "all",
        "limits": {"blocker": 0, "critical": 0, "major": None, "minor": None, "info": None},
        "counts": {"blocker": 0, "critical": 1, "major": 0, "minor": 1, "info": 0},
        "failed": ["critical"],
        "new": 2,
        "existing": 0,
    }
    first = report["findings"][0]
    assert (first["code"], first["path"], first["line"], first["column"]) == ("LEG001", "src/xyzr01.prw", 3, 5)
    assert first["message"] == "ConOut() escreve no console; use FWLogMsg"
    assert first["severity"] == "minor" and first["new"] is True


def test_it_reads_back_as_a_baseline(analysed: Analysed, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json_report.render(analysed.result, analysed.catalog, analysed.gate, "en"))
    assert load_baseline(path) == {f.fingerprint for f in analysed.result.findings}
