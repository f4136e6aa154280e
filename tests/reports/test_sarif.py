"""SARIF 2.1.0: valid against the OASIS schema, and what GitHub code scanning reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from protheus_ci.analyzers.reports import sarif
from reports.conftest import Analysed, analyse

SCHEMA = json.loads((Path(__file__).parents[1] / "fixtures" / "schemas" / "sarif-schema-2.1.0.json").read_text())


def validate(log: dict[str, Any]) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_valid_against_the_schema(analysed: Analysed, lang: str) -> None:
    validate(json.loads(sarif.render(analysed.result, analysed.catalog, analysed.gate, lang)))


def test_rules_and_results(analysed: Analysed) -> None:
    run = sarif.sarif_log(analysed.result, analysed.catalog, analysed.gate, "en")["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert sorted(r["id"] for r in rules) == sorted(analysed.catalog.meta)
    by_level = {r["ruleId"]: r["level"] for r in run["results"]}
    assert by_level == {"TRN001": "error", "LEG001": "note"}
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["protheusCi/v1"]) == 32
    trn = next(r for r in run["results"] if r["ruleId"] == "TRN001")
    assert trn["message"]["text"] == "RecLock() is never followed by MsUnlock() in this function"
    location = trn["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "src/xyzr01.prw", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 5 and location["region"]["startColumn"] == 5
    assert location["region"]["endLine"] == 5 and location["region"]["endColumn"] > 5
    leg = next(r for r in rules if r["id"] == "LEG001")
    assert leg["defaultConfiguration"]["level"] == "note"
    assert leg["properties"]["totvsId"] == "CA1004" and leg["properties"]["severity"] == "minor"
    assert "FWLogMsg" in leg["help"]["markdown"] and leg["help"]["text"]
    assert run["properties"]["gate"]["passed"] is False


def test_baseline_state_in_new_code_mode(analysed: Analysed) -> None:
    known = frozenset(f.fingerprint for f in analysed.result.findings if f.code == "LEG001")
    again = analyse(analysed.result.root, baseline=known)
    log = sarif.sarif_log(again.result, again.catalog, again.gate, "en")
    validate(log)
    states = {r["ruleId"]: r["baselineState"] for r in log["runs"][0]["results"]}
    assert states == {"LEG001": "unchanged", "TRN001": "new"}


def test_uris_are_escaped(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ordem manutenção#1.prw").write_text('User Function XYZ()\n    ConOut("x")\nReturn\n')
    analysed = analyse(tmp_path)
    (result,) = sarif.sarif_log(analysed.result, analysed.catalog, analysed.gate, "en")["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "src/ordem%20manuten%C3%A7%C3%A3o%231.prw"
