"""The console report: ruff's finding lines, the summary and the verdict."""

from __future__ import annotations

from protheus_ci.analyzers.reports import text
from reports.conftest import Analysed, analyse


def test_lines_like_ruff_then_summary_and_verdict(analysed: Analysed) -> None:
    out = text.render(analysed.result, analysed.catalog, analysed.gate, "en").splitlines()
    assert out == [
        "src/xyzr01.prw:3:5: LEG001 ConOut() writes to the console; use FWLogMsg",
        "src/xyzr01.prw:5:5: TRN001 RecLock() is never followed by MsUnlock() in this function",
        "",
        "2 findings in 1 file (critical: 1, minor: 1); 1 file checked.",
        "Quality gate: failed — critical: 1 (at most 0).",
    ]


def test_brazilian_portuguese(analysed: Analysed) -> None:
    out = text.render(analysed.result, analysed.catalog, analysed.gate, "pt-BR").splitlines()
    assert out[0] == "src/xyzr01.prw:3:5: LEG001 ConOut() escreve no console; use FWLogMsg"
    assert out[-2:] == [
        "2 ocorrências em 1 arquivo (crítico: 1, menor: 1); 1 arquivo verificado.",
        "Quality gate: reprovado — crítico: 1 (máximo 0).",
    ]


def test_new_code_lists_only_new_findings(analysed: Analysed) -> None:
    critical = next(f for f in analysed.result.findings if f.code == "TRN001")
    again = analyse(analysed.result.root, baseline=frozenset({critical.fingerprint}))
    out = text.render(again.result, again.catalog, again.gate, "en").splitlines()
    assert [line for line in out if line.startswith("src/")] == [
        "src/xyzr01.prw:3:5: LEG001 ConOut() writes to the console; use FWLogMsg"
    ]
    assert out[-2:] == ["New code: 1 new, 1 already in the baseline.", "Quality gate: passed."]
