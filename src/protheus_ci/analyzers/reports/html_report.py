"""A standalone HTML page for reviewers: the verdict, the tallies, each file's
findings with the source around them, and the help of every rule that fired.

One file with its styles inline, no scripts and a Content-Security-Policy that
forbids fetching anything, so it opens offline as a CI artifact. Everything
from sources and findings is escaped by Jinja2's autoescaping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from jinja2 import Environment, StrictUndefined, Template
from markupsafe import Markup, escape

from protheus_ci import __version__
from protheus_ci.analyzers.analysis import AnalysisResult
from protheus_ci.analyzers.catalog import BINARY, COMPRESSED, TOO_LARGE, UNREADABLE, Catalog
from protheus_ci.analyzers.findings import Finding
from protheus_ci.analyzers.gate import SEVERITIES, GateResult
from protheus_ci.analyzers.reports.counts import by_file, by_rule, by_severity
from protheus_ci.analyzers.reports.i18n import message, severity_name, t
from protheus_ci.analyzers.reports.text import verdict_lines
from protheus_ci.analyzers.sources import LineIndex, count_lines

#: Lines of source shown before and after a finding's first line.
CONTEXT_LINES = 2
#: Findings about files the analyzer did not read as source: nothing worth showing.
_NOT_SOURCE = frozenset({BINARY, COMPRESSED, TOO_LARGE, UNREADABLE})
_CODE_SPAN = re.compile(r"`([^`]+)`")


@dataclass(frozen=True, slots=True)
class SourceLine:
    number: int
    text: str
    hit: bool


@dataclass(frozen=True, slots=True)
class ShownFinding:
    finding: Finding
    message: str
    new: bool
    context: list[SourceLine]


class _Sources:
    """Each file read once, decoded the way the analyzer decoded it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._files: dict[str, tuple[LineIndex, int] | None] = {}

    def context(self, finding: Finding) -> list[SourceLine]:
        if finding.code in _NOT_SOURCE:
            return []
        if finding.path not in self._files:
            try:
                data = (self.root / finding.path).read_bytes()
                self._files[finding.path] = (LineIndex(data), count_lines(data))
            except OSError:
                self._files[finding.path] = None
        loaded = self._files[finding.path]
        if loaded is None:
            return []
        index, total = loaded
        first, last = max(1, finding.line - CONTEXT_LINES), min(total, finding.line + CONTEXT_LINES)
        return [SourceLine(n, index.line_text(n), n == finding.line) for n in range(first, last + 1)]


def _inline_code(text: str) -> Markup:
    """Rule texts mark code with backticks; escape first, then turn those into <code>."""
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", str(escape(text))))


@cache
def _template() -> Template:
    environment = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["inline_code"] = _inline_code
    source = resources.files(__package__).joinpath("report.html.j2").read_text(encoding="utf-8")
    return environment.from_string(source)


def render(result: AnalysisResult, catalog: Catalog, gate: GateResult, lang: str) -> str:
    sources = _Sources(result.root)
    files = {
        path: [ShownFinding(f, message(f, catalog, lang), gate.is_new(f), sources.context(f)) for f in findings]
        for path, findings in by_file(result.findings).items()
    }
    rules = by_rule(result.findings)
    return _template().render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        severity_name=lambda severity: severity_name(lang, severity),
        version=__version__,
        result=result,
        gate=gate,
        verdict=verdict_lines(result, gate, lang),
        severities=SEVERITIES,
        by_severity=by_severity(result.findings),
        by_rule=[(catalog.meta[code], count) for code, count in rules.items()],
        rules=[catalog.meta[code] for code in sorted(rules)],
        files=files,
    )
