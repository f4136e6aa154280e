"""protheus-ci.toml: documented defaults when missing, a clear message when invalid."""

from __future__ import annotations

import pytest

from protheus_ci.analyzers.config import AnalyzerConfig
from protheus_ci.analyzers.severity import Severity
from protheus_ci.pipeline.config import PipelineConfig, PipelineConfigError, parse


def test_a_missing_file_means_the_defaults() -> None:
    assert parse(None) == PipelineConfig(analyzer=AnalyzerConfig(), include=("include",), publish={})


def test_every_table_is_read() -> None:
    config = parse(
        """
        [analyzer]
        exclude = ["vendor/*"]
        [gate]
        major = 2
        [compile]
        include = ["inc", "src/include"]
        [publish]
        main = "production"
        develop = "homologation"
        """
    )
    assert config.analyzer.exclude == ("vendor/*",)
    assert config.analyzer.gate.limits[Severity.MAJOR] == 2
    assert config.include == ("inc", "src/include")
    assert dict(config.publish) == {"main": "production", "develop": "homologation"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[analyze\n", "not valid TOML"),
        ("[deploy]\n", "unknown table(s) deploy"),
        ("analyzer = 1\n", "[analyzer] and [gate] must be tables"),
        ("[analyzer]\nexclude = 'x'\n", "`exclude` must be a list of strings"),
        ("[gate]\nmajor = -1\n", "[gate] major must be a count of findings"),
        ("[analyzer]\nselect = ['NOPE1']\n", "'NOPE1' matches no rule code"),
        ("[publish]\nmain = 3\n", "publish.main must be an environment name"),
    ],
)
def test_an_invalid_file_names_the_key_at_fault(text: str, message: str) -> None:
    with pytest.raises(PipelineConfigError) as error:
        parse(text)
    assert message in str(error.value)
