"""``protheus-ci.toml`` in the customer's repository: what a run does for this repository.

A missing file means the defaults below. An invalid file fails the run's version stage
with a message naming the key at fault. Documented in docs/pipeline.md.

    [analyze]
    exclude = ["vendor/*"]          # glob patterns of paths not to analyze

    [quality_gate]
    max_parse_errors = 0            # files that do not parse before the stage fails

    [compile]
    include = ["include"]           # folders searched for #include files

    [publish]
    main = "production"             # branch = environment it publishes to
    develop = "homologation"
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from typing import Any

FILE_NAME = "protheus-ci.toml"
_KNOWN_TABLES = {"analyze", "quality_gate", "compile", "publish"}


class PipelineConfigError(ValueError):
    """The repository's protheus-ci.toml cannot be used; the message says why."""


@dataclasses.dataclass(frozen=True)
class PipelineConfig:
    exclude: tuple[str, ...] = ()
    max_parse_errors: int = 0
    include: tuple[str, ...] = ("include",)
    publish: Mapping[str, str] = dataclasses.field(default_factory=dict)


def parse(text: str | None) -> PipelineConfig:
    if text is None:
        return PipelineConfig()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PipelineConfigError(f"{FILE_NAME} is not valid TOML: {exc} / {FILE_NAME} não é TOML válido") from exc
    unknown = set(data) - _KNOWN_TABLES
    if unknown:
        raise PipelineConfigError(
            f"{FILE_NAME}: unknown table(s) {', '.join(sorted(unknown))} / tabela(s) desconhecida(s)"
        )
    analyze = _table(data, "analyze")
    gate = _table(data, "quality_gate")
    compile_ = _table(data, "compile")
    publish = _table(data, "publish")
    for name, value in publish.items():
        if not isinstance(value, str) or not value:
            raise PipelineConfigError(f"{FILE_NAME}: publish.{name} must be an environment name (text)")
    return PipelineConfig(
        exclude=_strings(analyze, "analyze.exclude", ()),
        max_parse_errors=_int(gate, "quality_gate.max_parse_errors", 0),
        include=_strings(compile_, "compile.include", ("include",)),
        publish=dict(publish),
    )


def _table(data: Mapping[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise PipelineConfigError(f"{FILE_NAME}: [{name}] must be a table / deve ser uma tabela")
    return value


def _strings(table: Mapping[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = table.get(key.split(".")[1], list(default))
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PipelineConfigError(f"{FILE_NAME}: {key} must be a list of strings / lista de textos")
    return tuple(value)


def _int(table: Mapping[str, Any], key: str, default: int) -> int:
    value = table.get(key.split(".")[1], default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PipelineConfigError(f"{FILE_NAME}: {key} must be a whole number >= 0 / número inteiro >= 0")
    return value
