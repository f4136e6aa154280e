"""protheus-ci.toml: documented defaults when missing, a clear message when invalid."""

from __future__ import annotations

import pytest

from protheus_ci.pipeline.config import PipelineConfig, PipelineConfigError, parse


def test_a_missing_file_means_the_defaults() -> None:
    assert parse(None) == PipelineConfig(exclude=(), max_parse_errors=0, include=("include",), publish={})


def test_every_table_is_read() -> None:
    config = parse(
        """
        [analyze]
        exclude = ["vendor/*"]
        [quality_gate]
        max_parse_errors = 2
        [compile]
        include = ["inc", "src/include"]
        [publish]
        main = "production"
        develop = "homologation"
        """
    )
    assert config.exclude == ("vendor/*",)
    assert config.max_parse_errors == 2
    assert config.include == ("inc", "src/include")
    assert dict(config.publish) == {"main": "production", "develop": "homologation"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[analyze\n", "not valid TOML"),
        ("[deploy]\n", "unknown table(s) deploy"),
        ("analyze = 1\n", "[analyze] must be a table"),
        ("[analyze]\nexclude = 'x'\n", "analyze.exclude must be a list of strings"),
        ("[quality_gate]\nmax_parse_errors = -1\n", "quality_gate.max_parse_errors must be a whole number"),
        ("[quality_gate]\nmax_parse_errors = true\n", "quality_gate.max_parse_errors must be a whole number"),
        ("[publish]\nmain = 3\n", "publish.main must be an environment name"),
    ],
)
def test_an_invalid_file_names_the_key_at_fault(text: str, message: str) -> None:
    with pytest.raises(PipelineConfigError) as error:
        parse(text)
    assert message in str(error.value)
