"""``protheus-ci.toml`` in the customer's repository: what a run does for this repository.

A missing file means the defaults below. An invalid file fails the run's version stage
with a message naming the key at fault. Documented in docs/pipeline.md.

    [analyzer]                      # the checks: see protheus_ci.analyzers.config
    exclude = ["vendor/*"]

    [gate]                          # findings allowed per severity
    blocker = 0
    critical = 0

    [compile]
    include = ["include"]           # folders searched for #include files
    backend = "builtin"             # or "tdscli": the TOTVS advpls on the service's AppServer

    [publish]
    main = "production"             # branch = environment it publishes to
    develop = "homologation"
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from typing import Any

from protheus_ci.analyzers.catalog import load_catalog
from protheus_ci.analyzers.config import AnalyzerConfig, ConfigError, parse_config
from protheus_ci.compiler_bridge.backends import BACKENDS

FILE_NAME = "protheus-ci.toml"
_KNOWN_TABLES = {"analyzer", "gate", "compile", "publish"}


class PipelineConfigError(ValueError):
    """The repository's protheus-ci.toml cannot be used; the message says why."""


@dataclasses.dataclass(frozen=True)
class PipelineConfig:
    analyzer: AnalyzerConfig = dataclasses.field(default_factory=AnalyzerConfig)
    include: tuple[str, ...] = ("include",)
    backend: str = "builtin"
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
    try:
        # The same file feeds `protheus-ci check`: one parser for its tables.
        analyzer = parse_config(data, load_catalog().codes, FILE_NAME)
    except ConfigError as error:
        raise PipelineConfigError(str(error)) from None
    compile_ = _table(data, "compile")
    publish = _table(data, "publish")
    for name, value in publish.items():
        if not isinstance(value, str) or not value:
            raise PipelineConfigError(f"{FILE_NAME}: publish.{name} must be an environment name (text)")
    return PipelineConfig(
        analyzer=analyzer,
        include=_strings(compile_, "compile.include", ("include",)),
        backend=_backend(compile_),
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


def _backend(table: Mapping[str, Any]) -> str:
    value = table.get("backend", "builtin")
    if not isinstance(value, str) or value not in BACKENDS:
        names = ", ".join(BACKENDS)
        raise PipelineConfigError(f"{FILE_NAME}: compile.backend must be one of {names} / deve ser um destes: {names}")
    return value


def _int(table: Mapping[str, Any], key: str, default: int) -> int:
    value = table.get(key.split(".")[1], default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PipelineConfigError(f"{FILE_NAME}: {key} must be a whole number >= 0 / número inteiro >= 0")
    return value
