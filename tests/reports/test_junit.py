"""JUnit XML: a suite per file, a failure per new finding, the gate as a test."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from protheus_ci.analyzers.findings import Finding
from protheus_ci.analyzers.reports import junit
from protheus_ci.analyzers.severity import Severity
from reports.conftest import Analysed, analyse


def test_a_failure_per_finding_and_one_for_the_gate(analysed: Analysed) -> None:
    root = ET.fromstring(junit.render(analysed.result, analysed.catalog, analysed.gate, "en"))
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "3", "0")
    gate_suite, file_suite = root.findall("testsuite")
    assert gate_suite.get("name") == "Quality gate"
    gate_failure = gate_suite.find("testcase/failure")
    assert gate_failure is not None and gate_failure.get("message") == "Quality gate: failed — critical: 1 (at most 0)."
    assert file_suite.get("name") == "src/xyzr01.prw" and file_suite.get("failures") == "2"
    cases = file_suite.findall("testcase")
    assert [(c.get("name"), c.get("file"), c.get("line")) for c in cases] == [
        ("LEG001 3:5", "src/xyzr01.prw", "3"),
        ("TRN001 5:5", "src/xyzr01.prw", "5"),
    ]
    failure = cases[1].find("failure")
    assert failure is not None and failure.get("type") == "TRN001"
    assert failure.get("message") == "RecLock() is never followed by MsUnlock() in this function"
    assert failure.text is not None and 'RecLock("ZZ1", .T.)' in failure.text


def test_existing_findings_are_skipped_and_a_clean_gate_passes(analysed: Analysed) -> None:
    again = analyse(analysed.result.root, baseline=frozenset(f.fingerprint for f in analysed.result.findings))
    root = ET.fromstring(junit.render(again.result, again.catalog, again.gate, "pt-BR"))
    assert (root.get("failures"), root.get("skipped")) == ("0", "2")
    assert root.find("testsuite/testcase/failure") is None
    skipped = root.findall(".//skipped")
    assert skipped[0].get("message", "").startswith("existente: ")


def test_characters_xml_cannot_hold_are_replaced(analysed: Analysed) -> None:
    bad = Finding(
        "FIL004", "odd\x01.prw", 1, 1, 1, 1, Severity.MAJOR, args={"reason": "bad\x1a byte"}, line_text="\x0c"
    )
    result = replace(analysed.result, findings=[bad])
    root = ET.fromstring(junit.render(result, analysed.catalog, analysed.gate, "en"))
    case = root.findall("testsuite")[1].find("testcase")
    assert case is not None and case.get("classname") == "odd\ufffd.prw"
