"""`protheus-ci rules` and `protheus-ci rule CODE`."""

from __future__ import annotations

import json

from cli.console import protheus_ci
from protheus_ci.analyzers.catalog import load_catalog


def test_rules_lists_the_whole_catalog() -> None:
    result = protheus_ci("rules")
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["code", "name", "category", "severity", "default", "TOTVS", "id", "title"]
    assert [row.split()[0] for row in rows] == sorted(load_catalog().meta)
    leg001 = next(row for row in rows if row.startswith("LEG001"))
    assert leg001.split()[1:6] == ["conout", "legacy", "minor", "on", "CA1004"]


def test_rules_as_json_in_portuguese() -> None:
    result = protheus_ci("rules", "--format", "json", "--lang", "pt-BR")
    assert result.returncode == 0, result.stderr
    rows = {row["code"]: row for row in json.loads(result.stdout)}
    assert rows["TRN001"] == {
        "code": "TRN001",
        "name": "reclock-without-msunlock",
        "category": "transactions",
        "severity": "critical",
        "default": "on",
        "totvs": "",
        "title": "RecLock sem MsUnlock",
    }


def test_rule_shows_its_documentation() -> None:
    english = protheus_ci("rule", "trn001")
    assert english.returncode == 0, english.stderr
    assert english.stdout.startswith("TRN001 reclock-without-msunlock: RecLock without MsUnlock\n")
    for heading in ("## What it does", "## Why is this a problem?", "## Example", "## Use instead"):
        assert heading in english.stdout
    assert "ZZ1->(MsUnlock())" in english.stdout
    portuguese = protheus_ci("rule", "TRN001", "--lang", "pt-BR")
    assert "## Por que é um problema?" in portuguese.stdout
    assert "O registro fica travado até a thread terminar" in portuguese.stdout


def test_unknown_rule_is_a_usage_error() -> None:
    result = protheus_ci("rule", "XYZ999")
    assert result.returncode == 2
    assert "unknown rule code 'XYZ999'" in result.stderr and not result.stdout
