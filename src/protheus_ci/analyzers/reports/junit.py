"""JUnit XML, for CI test-report views (GitLab, Jenkins, Azure DevOps...).

One testsuite per file, since that is how people fix findings, and one testcase
per finding: a failure when it gates, skipped when the baseline already had it.
A first suite holds the quality gate itself, so a clean run still shows one
passing test instead of an empty report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from protheus_ci.analyzers.analysis import AnalysisResult
from protheus_ci.analyzers.catalog import Catalog
from protheus_ci.analyzers.gate import GateResult
from protheus_ci.analyzers.reports.counts import by_file
from protheus_ci.analyzers.reports.i18n import message, severity_name, t
from protheus_ci.analyzers.reports.text import verdict_lines

#: Characters XML 1.0 cannot carry at all; old sources hold some (form feeds, ^Z).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _suite(parent: ET.Element, name: str, tests: int, failures: int, skipped: int) -> ET.Element:
    return ET.SubElement(
        parent,
        "testsuite",
        name=_clean(name),
        tests=str(tests),
        failures=str(failures),
        errors="0",
        skipped=str(skipped),
        time="0",
    )


def render(result: AnalysisResult, catalog: Catalog, gate: GateResult, lang: str) -> str:
    failures = gate.new + (0 if gate.passed else 1)
    root = ET.Element(
        "testsuites",
        name="protheus-ci",
        tests=str(len(result.findings) + 1),
        failures=str(failures),
        errors="0",
        skipped=str(gate.existing),
        time=f"{result.seconds:.3f}",
    )
    gate_suite = _suite(root, t(lang, "gate.title"), 1, 0 if gate.passed else 1, 0)
    gate_case = ET.SubElement(gate_suite, "testcase", classname="protheus-ci", name=t(lang, "gate.title"), time="0")
    if not gate.passed:
        verdict = verdict_lines(result, gate, lang)
        ET.SubElement(gate_case, "failure", message=verdict[-1], type="quality-gate").text = "\n".join(verdict)

    for path, findings in by_file(result.findings).items():
        new = sum(gate.is_new(f) for f in findings)
        suite = _suite(root, path, len(findings), new, len(findings) - new)
        for finding in findings:
            text = _clean(message(finding, catalog, lang))
            case = ET.SubElement(
                suite,
                "testcase",
                classname=_clean(path),
                name=f"{finding.code} {finding.line}:{finding.column}",
                file=_clean(path),
                line=str(finding.line),
                time="0",
            )
            if gate.is_new(finding):
                body = f"{path}:{finding.line}:{finding.column}: {severity_name(lang, finding.severity)} {finding.code} {text}"
                if finding.line_text:
                    body += f"\n{finding.line_text}"
                ET.SubElement(case, "failure", message=text, type=finding.code).text = _clean(body)
            else:
                ET.SubElement(case, "skipped", message=f"{t(lang, 'report.existing')}: {text}")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
