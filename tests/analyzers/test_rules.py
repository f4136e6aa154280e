"""Every rule: its documentation is complete, its examples behave, and its
annotated fixture gets exactly the findings it marks."""

from __future__ import annotations

from pathlib import Path

import pytest

from protheus_ci.analyzers.catalog import ENGINE_CODES, load_catalog
from protheus_ci.analyzers.language import Dialect
from protheus_ci.analyzers.rules.meta import LANGUAGES

from .rule_harness import expected_marks, fixture_for, run_rule

CATALOG = load_catalog()
RULE_CODES = sorted(code for code in CATALOG.meta if code not in ENGINE_CODES)


def test_catalog_has_at_least_sixty_rules() -> None:
    assert len(RULE_CODES) >= 60, f"{len(RULE_CODES)} rules"


@pytest.mark.parametrize("code", sorted(CATALOG.meta))
def test_documentation_is_complete_in_both_languages(code: str) -> None:
    meta = CATALOG.meta[code]
    for lang in LANGUAGES:
        texts = meta.text(lang)
        assert texts.title and texts.what and texts.why and texts.instead
    assert meta.text("en").message != meta.text("pt-BR").message


def _example_file(tmp_path: Path, code: str, name: str, text: str) -> Path:
    dialects = CATALOG.meta[code].dialects
    suffix = ".prw" if Dialect.ADVPL in dialects else ".tlpp"
    path = tmp_path / name / f"example{suffix}"
    path.parent.mkdir()
    path.write_bytes(text.strip("\n").replace("\n", "\r\n").encode("cp1252") + b"\r\n")
    return path


@pytest.mark.parametrize("code", [c for c in sorted(CATALOG.meta) if CATALOG.meta[c].check_examples])
def test_bad_example_fires_and_good_example_does_not(code: str, tmp_path: Path) -> None:
    meta = CATALOG.meta[code]
    bad = _example_file(tmp_path, code, "bad", meta.bad_example)
    good = _example_file(tmp_path, code, "good", meta.good_example)
    assert run_rule(code, bad.parent), f"{code}: the bad example raises nothing"
    assert run_rule(code, good.parent) == [], f"{code}: the good example is flagged"


@pytest.mark.parametrize("code", RULE_CODES)
def test_fixture_findings_match_their_marks(code: str) -> None:
    fixture = fixture_for(code)
    assert fixture is not None, f"{code} has no fixture in tests/fixtures/rules/"
    must_fire, must_not = expected_marks(code, fixture)
    assert must_fire, f"{code}: the fixture marks no line with ruleid"
    found = {(f.path, f.line) for f in run_rule(code, fixture)}
    assert found == must_fire, f"{code}: missing {sorted(must_fire - found)}, unexpected {sorted(found - must_fire)}"
    assert not found & must_not
