"""Rule metadata and texts, loaded from ``docs/<CODE>.toml``."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from protheus_ci.analyzers.language import Dialect
from protheus_ci.analyzers.severity import Severity

LANGUAGES = ("en", "pt-BR")
CATEGORIES = (
    "syntax",
    "sql",
    "transactions",
    "performance",
    "work-areas",
    "legacy",
    "security",
    "scoping",
    "naming",
    "includes",
    "hygiene",
    "ui",
    "documentation",
    "complexity",
    "files",
)
#: A code is one to three capitals and three digits (flake8's shape, narrowed).
CODE_PATTERN = re.compile(r"^[A-Z]{1,3}[0-9]{3}$")
TEXT_KEYS = ("title", "message", "what", "why", "instead")


@dataclass(frozen=True, slots=True)
class RuleTexts:
    title: str
    message: str
    what: str
    why: str
    instead: str


@dataclass(frozen=True)
class RuleMeta:
    code: str
    name: str
    category: str
    severity: Severity
    dialects: frozenset[Dialect]
    totvs: str
    enabled: bool
    since: str
    tags: tuple[str, ...]
    texts: dict[str, RuleTexts]
    bad_example: str
    good_example: str
    check_examples: bool = True
    options: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: str) -> RuleTexts:
        return self.texts.get(lang) or self.texts["en"]

    def message(self, lang: str, args: dict[str, str]) -> str:
        template = self.text(lang).message
        try:
            return template.format(**args)
        except (KeyError, IndexError):
            return template


class RuleMetaError(ValueError):
    pass


def _require(data: dict[str, Any], key: str, kind: type, code: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise RuleMetaError(f"{code}: `{key}` must be a {kind.__name__}")
    return value


def parse_meta(code: str, data: dict[str, Any]) -> RuleMeta:
    """Validate one record; every rule document goes through here, so the test
    that loads them all is the schema check."""
    if not CODE_PATTERN.match(code) or data.get("code") != code:
        raise RuleMetaError(f"{code}: file name and `code` must match a code like SQL001")
    category = _require(data, "category", str, code)
    if category not in CATEGORIES:
        raise RuleMetaError(f"{code}: unknown category {category!r}")
    try:
        severity = Severity(_require(data, "severity", str, code))
        dialects = frozenset(Dialect(d) for d in _require(data, "dialects", list, code))
    except ValueError as error:
        raise RuleMetaError(f"{code}: {error}") from None
    texts: dict[str, RuleTexts] = {}
    for lang in LANGUAGES:
        block = _require(data, lang, dict, code)
        missing = [k for k in TEXT_KEYS if not isinstance(block.get(k), str) or not block[k].strip()]
        if missing:
            raise RuleMetaError(f"{code}: [{lang}] lacks {', '.join(missing)}")
        texts[lang] = RuleTexts(**{k: block[k].strip() for k in TEXT_KEYS})
    examples = _require(data, "examples", dict, code)
    return RuleMeta(
        code=code,
        name=_require(data, "name", str, code),
        category=category,
        severity=severity,
        dialects=dialects,
        totvs=str(data.get("totvs", "")),
        enabled=bool(data.get("enabled", True)),
        since=str(data.get("since", "0.1.0")),
        tags=tuple(data.get("tags", ())),
        texts=texts,
        bad_example=_require(examples, "bad", str, code),
        good_example=_require(examples, "good", str, code),
        check_examples=bool(data.get("check-examples", True)),
        options=dict(data.get("options", {})),
    )


@cache
def load_meta(code: str) -> RuleMeta:
    doc = resources.files("protheus_ci.analyzers.rules").joinpath("docs", f"{code}.toml")
    try:
        data = tomllib.loads(doc.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuleMetaError(f"{code}: no docs/{code}.toml") from None
    return parse_meta(code, data)
