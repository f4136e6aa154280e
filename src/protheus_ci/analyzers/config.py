"""The analyzer's settings, from the `[analyzer]` and `[gate]` tables of the
customer repository's `protheus-ci.toml` (or `.protheus-ci.toml`).

Other tables belong to other parts of protheus-ci and are left alone; inside
these two, an unknown key, code or value is an error, never silently ignored.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from protheus_ci.analyzers.severity import Severity

CONFIG_NAMES = ("protheus-ci.toml", ".protheus-ci.toml")
DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024


class ConfigError(ValueError):
    """An invalid configuration; the command line exits with status 2."""


@dataclass(frozen=True)
class GateConfig:
    """Most findings allowed per severity before the gate fails (None: no limit)."""

    limits: dict[Severity, int | None] = field(
        default_factory=lambda: {
            Severity.BLOCKER: 0,
            Severity.CRITICAL: 0,
            Severity.MAJOR: None,
            Severity.MINOR: None,
            Severity.INFO: None,
        }
    )


@dataclass(frozen=True)
class AnalyzerConfig:
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    customer_prefix: str = ""
    include_dirs: tuple[str, ...] = ()
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    gate: GateConfig = field(default_factory=GateConfig)
    source: str = ""  # where it was read from, for messages

    def fingerprint(self) -> str:
        """Changes whenever a setting that changes per-file results changes."""
        data = {
            "select": self.select,
            "extend": self.extend_select,
            "ignore": self.ignore,
            "pfi": self.per_file_ignores,
            "severity": {k: v.value for k, v in self.severity.items()},
            "options": self.options,
            "prefix": self.customer_prefix,
            "include": self.include_dirs,
            "max": self.max_file_bytes,
        }
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:16]

    def is_excluded(self, relative: str) -> bool:
        return any(_glob(relative, pattern) for pattern in self.exclude)

    def ignored_for(self, relative: str) -> tuple[str, ...]:
        if not self.per_file_ignores:
            return ()
        return tuple(
            code for pattern, codes in self.per_file_ignores.items() if _glob(relative, pattern) for code in codes
        )


def _glob(relative: str, pattern: str) -> bool:
    return fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(relative, pattern.rstrip("/") + "/*")


def matches_selector(code: str, selectors: Iterable[str]) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


_ANALYZER_KEYS = {
    "select",
    "extend-select",
    "ignore",
    "exclude",
    "per-file-ignores",
    "severity",
    "options",
    "customer-prefix",
    "include-dirs",
    "max-file-size",
}


def _strings(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: `{key}` must be a list of strings")
    return tuple(value)


def _check_selectors(selectors: Iterable[str], known: set[str], where: str) -> None:
    for selector in selectors:
        if selector != "ALL" and not any(code.startswith(selector) for code in known):
            raise ConfigError(f"{where}: {selector!r} matches no rule code")


def parse_config(data: dict[str, Any], known_codes: set[str], where: str) -> AnalyzerConfig:
    analyzer = data.get("analyzer", {})
    gate = data.get("gate", {})
    if not isinstance(analyzer, dict) or not isinstance(gate, dict):
        raise ConfigError(f"{where}: [analyzer] and [gate] must be tables")
    unknown = sorted(set(analyzer) - _ANALYZER_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) in [analyzer]: {', '.join(unknown)}")
    select = _strings(analyzer, "select", where) or ("ALL",)
    extend = _strings(analyzer, "extend-select", where)
    ignore = _strings(analyzer, "ignore", where)
    for selectors in (select, extend, ignore):
        _check_selectors(selectors, known_codes, where)
    per_file: dict[str, tuple[str, ...]] = {}
    for pattern, codes in dict(analyzer.get("per-file-ignores", {})).items():
        per_file[pattern] = _strings({"codes": codes}, "codes", f"{where}: per-file-ignores[{pattern!r}]")
        _check_selectors(per_file[pattern], known_codes, where)
    severity: dict[str, Severity] = {}
    for code, level in dict(analyzer.get("severity", {})).items():
        _check_selectors([code], known_codes, where)
        try:
            severity[code] = Severity(level)
        except ValueError:
            raise ConfigError(f"{where}: severity of {code} must be one of {[s.value for s in Severity]}") from None
    options = analyzer.get("options", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise ConfigError(f"{where}: [analyzer.options] must hold one table per rule code")
    _check_selectors(options, known_codes, where)
    max_size = analyzer.get("max-file-size", DEFAULT_MAX_FILE_BYTES)
    if not isinstance(max_size, int) or max_size <= 0:
        raise ConfigError(f"{where}: `max-file-size` must be a positive number of bytes")
    prefix = analyzer.get("customer-prefix", "")
    if not isinstance(prefix, str) or (prefix and not prefix.isalnum()):
        raise ConfigError(f"{where}: `customer-prefix` must be letters and digits, such as XYZ")
    return AnalyzerConfig(
        select=select,
        extend_select=extend,
        ignore=ignore,
        exclude=_strings(analyzer, "exclude", where),
        per_file_ignores=per_file,
        severity=severity,
        options={k: dict(v) for k, v in options.items()},
        customer_prefix=prefix.upper(),
        include_dirs=_strings(analyzer, "include-dirs", where),
        max_file_bytes=max_size,
        gate=_parse_gate(gate, where),
        source=where,
    )


def _parse_gate(gate: dict[str, Any], where: str) -> GateConfig:
    limits = dict(GateConfig().limits)
    for key, value in gate.items():
        try:
            level = Severity(key)
        except ValueError:
            raise ConfigError(f"{where}: unknown key in [gate]: {key!r} (use a severity name)") from None
        if value is not False and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise ConfigError(f"{where}: [gate] {key} must be a count of findings allowed, or false for no limit")
        limits[level] = None if value is False else value
    return GateConfig(limits)


def find_config(root: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = root / name
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None, root: Path, known_codes: set[str]) -> AnalyzerConfig:
    """Read `path`, or the repository's own file under `root`; defaults when neither exists."""
    config_path = path or find_config(root)
    if config_path is None:
        return AnalyzerConfig()
    try:
        data = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{config_path}: cannot read: {error.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{config_path}: invalid TOML: {error}") from None
    return parse_config(data, known_codes, str(config_path))
