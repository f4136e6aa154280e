"""The quality gate: limits per severity, and new code against a baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protheus_ci.analyzers.config import GateConfig
from protheus_ci.analyzers.findings import Finding
from protheus_ci.analyzers.gate import BaselineError, evaluate_gate, load_baseline
from protheus_ci.analyzers.severity import Severity
from reports.conftest import analyse


def finding(severity: Severity, fingerprint: str) -> Finding:
    return Finding("XYZ001", "a.prw", 1, 1, 1, 2, severity, fingerprint=fingerprint)


def limits(**values: int | None) -> GateConfig:
    return GateConfig({**GateConfig().limits, **{Severity(k): v for k, v in values.items()}})


def test_defaults_fail_on_any_blocker_or_critical_only() -> None:
    minors = [finding(Severity.MINOR, str(i)) for i in range(50)]
    assert evaluate_gate(minors, GateConfig(), None).passed
    gate = evaluate_gate([*minors, finding(Severity.CRITICAL, "c")], GateConfig(), None)
    assert not gate.passed
    assert gate.failed == (Severity.CRITICAL,)
    assert gate.counts[Severity.MINOR] == 50 and gate.counts[Severity.BLOCKER] == 0


def test_a_limit_is_the_most_findings_allowed() -> None:
    majors = [finding(Severity.MAJOR, str(i)) for i in range(3)]
    assert evaluate_gate(majors, limits(major=3), None).passed
    assert evaluate_gate(majors, limits(major=2), None).failed == (Severity.MAJOR,)
    assert evaluate_gate([finding(Severity.BLOCKER, "b")], limits(blocker=None), None).passed


def test_existing_findings_do_not_gate() -> None:
    old, new = finding(Severity.BLOCKER, "old"), finding(Severity.MINOR, "new")
    gate = evaluate_gate([old, new], GateConfig(), frozenset({"old", "gone"}))
    assert gate.passed and gate.baseline
    assert (gate.new, gate.existing) == (1, 1)
    assert not gate.is_new(old) and gate.is_new(new)
    assert gate.to_json()["mode"] == "new-code"
    assert gate.to_json()["counts"]["blocker"] == 0


def test_a_moved_finding_is_still_existing(project: Path) -> None:
    before = analyse(project)
    source = project / "src" / "xyzr01.prw"
    lines = source.read_text(encoding="cp1252").splitlines()
    # Three lines pushed in above the RecLock; the file keeps its CRLF endings.
    moved = [*lines[:1], "    Local nA := 0", "    Local nB := 0", "", *lines[1:]]
    source.write_text("\n".join(moved) + "\n", encoding="cp1252", newline="\r\n")
    after = analyse(project, baseline=frozenset(f.fingerprint for f in before.result.findings))
    assert [f.line for f in after.result.findings] == [6, 8]
    assert after.gate.passed and (after.gate.new, after.gate.existing) == (0, 2)


def test_baseline_is_the_json_report(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps({"findings": [{"fingerprint": "abc", "code": "X"}]}))
    assert load_baseline(path) == frozenset({"abc"})


@pytest.mark.parametrize("content", ["not json", "[]", '{"findings": [{"code": "X"}]}'])
def test_a_bad_baseline_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(content)
    with pytest.raises(BaselineError, match=r"baseline\.json"):
        load_baseline(path)
    with pytest.raises(BaselineError, match="cannot read"):
        load_baseline(tmp_path / "missing.json")
