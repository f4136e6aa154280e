"""`protheus-ci.toml`: every setting read, every mistake reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from protheus_ci.analyzers.catalog import load_catalog
from protheus_ci.analyzers.config import AnalyzerConfig, ConfigError, load_config
from protheus_ci.analyzers.severity import Severity

KNOWN = load_catalog().codes


def load(tmp_path: Path, text: str, name: str = "protheus-ci.toml") -> AnalyzerConfig:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_config(None, tmp_path, KNOWN)


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    config = load_config(None, tmp_path, KNOWN)
    assert config == AnalyzerConfig()
    assert config.gate.limits[Severity.BLOCKER] == 0 and config.gate.limits[Severity.MAJOR] is None


def test_every_setting_is_read(tmp_path: Path) -> None:
    config = load(
        tmp_path,
        """
[analyzer]
select = ["SQL", "TRN001"]
extend-select = ["LEG001"]
ignore = ["SQL001"]
exclude = ["vendor/**"]
customer-prefix = "xyz"
include-dirs = ["include"]
max-file-size = 1000
[analyzer.per-file-ignores]
"legacy/*.prw" = ["LEG"]
[analyzer.severity]
SQL = "critical"
[analyzer.options.LEG001]
anything = 1
[gate]
major = 5
minor = false
[pipeline]
something-else = "ignored by the analyzer"
""",
        ".protheus-ci.toml",
    )
    assert config.select == ("SQL", "TRN001") and config.extend_select == ("LEG001",)
    assert config.ignore == ("SQL001",) and config.customer_prefix == "XYZ"
    assert config.is_excluded("vendor/a/b.prw") and not config.is_excluded("src/a.prw")
    assert config.ignored_for("legacy/x.prw") == ("LEG",)
    assert config.severity == {"SQL": Severity.CRITICAL}
    assert config.gate.limits[Severity.MAJOR] == 5 and config.gate.limits[Severity.MINOR] is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[analyzer]\nselcet = ['SQL']\n", "unknown key(s) in [analyzer]: selcet"),
        ("[analyzer]\nselect = ['NOPE9']\n", "'NOPE9' matches no rule code"),
        ("[analyzer]\nselect = 'SQL'\n", "`select` must be a list of strings"),
        ("[analyzer.severity]\nSQL001 = 'huge'\n", "severity of SQL001 must be one of"),
        ("[analyzer]\nmax-file-size = -1\n", "`max-file-size` must be a positive number"),
        ("[analyzer]\ncustomer-prefix = 'x-y'\n", "`customer-prefix` must be letters and digits"),
        ("[gate]\nmajor = -2\n", "[gate] major must be a count"),
        ("[gate]\nworst = 0\n", "unknown key in [gate]: 'worst'"),
        ("[analyzer\n", "invalid TOML"),
    ],
)
def test_mistakes_are_errors_that_say_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=None) as raised:
        load(tmp_path, text)
    assert message in str(raised.value)
    assert "protheus-ci.toml" in str(raised.value)
