"""SARIF 2.1.0, in the subset GitHub code scanning reads: the rules with their
help, and results with a level, a repository-relative location and a stable
partial fingerprint so alerts follow a finding across commits."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from protheus_ci import __version__
from protheus_ci.analyzers.analysis import AnalysisResult
from protheus_ci.analyzers.catalog import Catalog
from protheus_ci.analyzers.findings import Finding
from protheus_ci.analyzers.gate import GateResult
from protheus_ci.analyzers.reports.i18n import message, t
from protheus_ci.analyzers.rules.meta import RuleMeta
from protheus_ci.analyzers.severity import Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = "protheusCi/v1"
#: GitHub truncates longer rule descriptions.
MAX_DESCRIPTION = 1024

LEVELS = {
    Severity.BLOCKER: "error",
    Severity.CRITICAL: "error",
    Severity.MAJOR: "warning",
    Severity.MINOR: "note",
    Severity.INFO: "note",
}


def _short(text: str) -> str:
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"


def _rule(meta: RuleMeta, lang: str) -> dict[str, Any]:
    texts = meta.text(lang)
    markdown = "\n\n".join(
        (
            f"**{t(lang, 'rule.what')}**\n\n{texts.what}",
            f"**{t(lang, 'rule.why')}**\n\n{texts.why}",
            f"**{t(lang, 'rule.example')}**\n\n```\n{meta.bad_example.strip()}\n```",
            f"**{t(lang, 'rule.instead')}**\n\n{texts.instead}\n\n```\n{meta.good_example.strip()}\n```",
        )
    )
    properties: dict[str, Any] = {
        "tags": list(dict.fromkeys((meta.category, *meta.tags))),
        "severity": meta.severity.value,
        "category": meta.category,
    }
    if meta.totvs:
        properties["totvsId"] = meta.totvs
    return {
        "id": meta.code,
        "name": meta.name,
        "shortDescription": {"text": _short(texts.title)},
        "fullDescription": {"text": _short(texts.what)},
        "help": {"text": f"{texts.what}\n\n{texts.why}\n\n{texts.instead}", "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS[meta.severity], "enabled": meta.enabled},
        "properties": properties,
    }


def _artifact(path: str) -> dict[str, str]:
    # Findings outside the root keep an absolute path; only relative ones hang off %SRCROOT%.
    if PurePosixPath(path).is_absolute():
        return {"uri": PurePosixPath(path).as_uri()}
    # A URI, not a path: spaces, `#` and accented names (`ordem_manutenção.prw`) are escaped.
    return {"uri": quote(path), "uriBaseId": SOURCE_ROOT}


def _result(finding: Finding, index: int, catalog: Catalog, gate: GateResult, lang: str) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column,
    }
    if finding.line_text:
        region["snippet"] = {"text": finding.line_text}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS[finding.severity],
        "message": {"text": message(finding, catalog, lang)},
        "locations": [{"physicalLocation": {"artifactLocation": _artifact(finding.path), "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"severity": finding.severity.value},
    }
    if gate.baseline:
        result["baselineState"] = "new" if gate.is_new(finding) else "unchanged"
    return result


def sarif_log(result: AnalysisResult, catalog: Catalog, gate: GateResult, lang: str) -> dict[str, Any]:
    codes = sorted(catalog.meta)
    index = {code: i for i, code in enumerate(codes)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "protheus-ci",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "language": lang,
                        "rules": [_rule(catalog.meta[code], lang) for code in codes],
                    }
                },
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {SOURCE_ROOT: {"uri": result.root.resolve().as_uri() + "/"}},
                "results": [_result(f, index[f.code], catalog, gate, lang) for f in result.findings],
                "properties": {"gate": gate.to_json()},
            }
        ],
    }


def render(result: AnalysisResult, catalog: Catalog, gate: GateResult, lang: str) -> str:
    return json.dumps(sarif_log(result, catalog, gate, lang), indent=2, ensure_ascii=False) + "\n"
