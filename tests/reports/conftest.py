"""A small project analyzed for real, and its gate, for the report tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from protheus_ci.analyzers.analysis import AnalysisResult, run_analysis
from protheus_ci.analyzers.catalog import Catalog, load_catalog
from protheus_ci.analyzers.config import AnalyzerConfig, GateConfig
from protheus_ci.analyzers.gate import GateResult, evaluate_gate

#: Line 3 is LEG001 (minor), line 5 TRN001 (critical); both hold hostile HTML.
HOSTILE_SOURCE = """User Function XYZR01()
    Local cHtml := "<script>alert('x')</script>"
    ConOut(cHtml + "</pre><b>&amp;")
    // <!-- comment -->
    RecLock("ZZ1", .T.) ; cHtml := "<img src=x onerror=alert(1)>"
    ZZ1->ZZ1_VALOR := 1
Return
"""
#: A select list that the rules other engineers add cannot change.
SELECTED = ("TRN001", "LEG001", "SQL001", "HYG001", "FIL001")


@dataclass(frozen=True)
class Analysed:
    result: AnalysisResult
    catalog: Catalog
    gate: GateResult


def analyse(root: Path, baseline: frozenset[str] | None = None) -> Analysed:
    result = run_analysis([root], AnalyzerConfig(select=SELECTED), root)
    return Analysed(result, load_catalog(), evaluate_gate(result.findings, GateConfig(), baseline))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "src").mkdir(parents=True)
    (root / "src" / "xyzr01.prw").write_text(HOSTILE_SOURCE, encoding="cp1252", newline="\r\n")
    return root


@pytest.fixture
def analysed(project: Path) -> Analysed:
    return analyse(project)
