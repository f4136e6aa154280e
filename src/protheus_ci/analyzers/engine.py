"""Running the catalog over files: one parse and one query pass per file, then
the project-wide checks over the merged index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tree_sitter import Node, QueryCursor

from protheus_ci.analyzers.catalog import (
    BINARY,
    CALL,
    COMPRESSED,
    DECISION,
    DECLARATION,
    FUNCTION,
    INCLUDE,
    PARAMETERS,
    RETURN,
    RULE_FAILED,
    SQL,
    SYNTAX,
    TOO_LARGE,
    TYPE,
    Catalog,
)
from protheus_ci.analyzers.config import AnalyzerConfig, matches_selector
from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.findings import SEVERITIES, Finding, fingerprint
from protheus_ci.analyzers.language import Dialect
from protheus_ci.analyzers.parsing import parse_bytes, syntax_problems
from protheus_ci.analyzers.project import FileSummary, ProjectIndex, Symbol
from protheus_ci.analyzers.rules.api import Hit
from protheus_ci.analyzers.severity import Severity
from protheus_ci.analyzers.sources import SourceText
from protheus_ci.analyzers.suppression import is_suppressed, suppressions


def enabled_codes(catalog: Catalog, config: AnalyzerConfig) -> frozenset[str]:
    """Selected rules (on-by-default ones unless named explicitly), minus ignored ones."""
    chosen = set()
    for code, meta in catalog.meta.items():
        explicit = any(s != "ALL" and code.startswith(s) for s in (*config.select, *config.extend_select))
        selected = matches_selector(code, config.select) or matches_selector(code, config.extend_select)
        if selected and (meta.enabled or explicit) and not matches_selector(code, config.ignore):
            chosen.add(code)
    return frozenset(chosen)


def severity_for(code: str, catalog: Catalog, config: AnalyzerConfig) -> Severity:
    best = ""
    for selector in config.severity:
        if code.startswith(selector) and len(selector) > len(best):
            best = selector
    return config.severity[best] if best else catalog.meta[code].severity


@dataclass(slots=True)
class FileAnalysis:
    path: str
    findings: list[Finding] = field(default_factory=list)
    summary: FileSummary | None = None

    def to_row(self) -> tuple[Any, ...]:
        return (self.path, [f.to_row() for f in self.findings], self.summary.to_row() if self.summary else None)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> FileAnalysis:
        path, rows, summary = row
        # Unpacked inline: a warm run rebuilds every finding of the project from here.
        findings = [
            Finding(code, path_, line, column, end_line, end_column, SEVERITIES[severity], function, args, text, mark)
            for code, path_, line, column, end_line, end_column, severity, function, args, text, mark in rows
        ]
        return cls(path, findings, FileSummary.from_row(summary) if summary else None)


class _Collector:
    """Turns hits into findings: positions, enclosing function, fingerprint."""

    def __init__(self, source: SourceText, path: str, catalog: Catalog, config: AnalyzerConfig) -> None:
        self.source, self.path, self.catalog, self.config = source, path, catalog, config
        self.findings: list[Finding] = []
        self._seen: Counter[tuple[str, str, str]] = Counter()

    def add(self, code: str, start: int, end: int, args: dict[str, str], function: str = "") -> None:
        index = self.source.line_index
        line, column = index.position(start)
        end_line, end_column = index.position(max(start, end))
        text = index.line_text(line)
        key = (code, function, " ".join(text.split()).lower())
        self._seen[key] += 1
        self.findings.append(
            Finding(
                code=code,
                path=self.path,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                severity=severity_for(code, self.catalog, self.config),
                function=function,
                args=args,
                line_text=text,
                fingerprint=fingerprint(code, self.path, function, text, self._seen[key]),
            )
        )


def _unanalyzable(source: SourceText, config: AnalyzerConfig) -> tuple[str, dict[str, str]] | None:
    data = source.data
    if len(data) > config.max_file_bytes:
        return TOO_LARGE, {"size": str(len(data)), "limit": str(config.max_file_bytes)}
    if source.is_compressed_header:
        return COMPRESSED, {}
    if b"\x00" in data[:65536]:
        return BINARY, {}
    return None


def analyze_source(
    source: SourceText,
    path: str,
    dialect: Dialect,
    catalog: Catalog,
    config: AnalyzerConfig,
    enabled: frozenset[str],
) -> FileAnalysis:
    """Every enabled check on one file. Never raises for a file's content."""
    collector = _Collector(source, path, catalog, config)
    summary = FileSummary(path=path, dialect=dialect.value)
    result = FileAnalysis(path, collector.findings, summary)
    bad = _unanalyzable(source, config)
    if bad is not None:
        if bad[0] in enabled:
            collector.add(bad[0], 0, 0, bad[1])
        return result

    tree = parse_bytes(source.data)
    ctx = FileContext(source, tree, path, dialect, config.options, {"customer_prefix": config.customer_prefix})
    if SYNTAX in enabled and tree.root_node.has_error:
        for problem in syntax_problems(tree, source.data, source.line_index):
            collector.findings.append(_syntax_finding(problem, path, catalog, config, source))

    assert catalog.query is not None
    by_pattern: dict[int, list[dict[str, list[Node]]]] = {}
    for pattern, captures in QueryCursor(catalog.query).matches(tree.root_node):
        by_pattern.setdefault(pattern, []).append(captures)

    ctx.index_functions([c["function"][0] for c in by_pattern.get(FUNCTION, [])])
    for captures in by_pattern.get(DECLARATION, []):
        ctx.add_declaration(ctx.lower(captures["scope"][0]), captures["name"][0])
        ctx.declared_names.append((ctx.lower(captures["scope"][0]), captures["name"][0]))
    for captures in by_pattern.get(PARAMETERS, []):
        ctx.add_declaration("parameter", captures["name"][0])
    for captures in by_pattern.get(CALL, []):
        ctx.calls.setdefault(ctx.lower(captures["fn"][0]), []).append(captures["call"][0])
    ctx.embedded_sql = [c["sql"][0] for c in by_pattern.get(SQL, [])]
    ctx.returns = [c["return"][0] for c in by_pattern.get(RETURN, [])]
    ctx.decisions = [c["decision"][0] for c in by_pattern.get(DECISION, [])]

    def run(code: str, hits: Iterable[Hit]) -> None:
        ctx.code = code
        try:
            for hit in hits:
                scope = ctx.function_at_byte(hit.start_byte)
                collector.add(code, hit.start_byte, hit.end_byte, hit.args, scope.name if scope else "")
        except Exception as error:  # one rule's bug must not stop the run
            if RULE_FAILED in enabled:
                collector.add(RULE_FAILED, 0, 0, {"rule": code, "error": f"{type(error).__name__}: {error}"})

    def active(code: str) -> bool:
        return code in enabled and dialect in catalog.meta[code].dialects

    for file_rule in catalog.file_rules:
        if active(file_rule.code):
            run(file_rule.code, file_rule.check(ctx))
    for name, calls in ctx.calls.items():
        for call_rule in catalog.calls.get(name, ()):
            if active(call_rule.code):
                for call in calls:
                    run(call_rule.code, call_rule.check(ctx, call, name))
    for pattern, matches in by_pattern.items():
        for query_rule in catalog.pattern_rules.get(pattern, ()):
            if active(query_rule.code):
                for captures in matches:
                    run(query_rule.code, query_rule.check(ctx, captures))

    _summarize(ctx, by_pattern, summary)
    _filter_suppressed(result, source, config)
    result.findings.sort(key=lambda f: (f.line, f.column, f.code))
    return result


def _syntax_finding(problem: Any, path: str, catalog: Catalog, config: AnalyzerConfig, source: SourceText) -> Finding:
    text = source.line_index.line_text(problem.line)
    return Finding(
        code=SYNTAX,
        path=path,
        line=problem.line,
        column=problem.column,
        end_line=problem.end_line,
        end_column=problem.end_column,
        severity=severity_for(SYNTAX, catalog, config),
        args={"kind": problem.kind},
        line_text=text,
        fingerprint=fingerprint(SYNTAX, path, "", text, problem.line),
    )


def _summarize(ctx: FileContext, by_pattern: dict[int, list[dict[str, list[Node]]]], summary: FileSummary) -> None:
    index = ctx.source.line_index
    for scope in ctx.functions:
        summary.symbols.append(Symbol(scope.name, scope.kind, index.line_of(scope.start_byte), scope.class_name))
    for captures in by_pattern.get(TYPE, []):
        node = captures["type"][0]
        name = node.child_by_field_name("name")
        kind = "class" if node.type == "class_definition" else "webservice"
        if name is not None:
            summary.symbols.append(Symbol(ctx.text(name), kind, index.line_of(node.start_byte)))
    for captures in by_pattern.get(INCLUDE, []):
        path_node = captures["path"][0]
        summary.includes.append((ctx.text(path_node).strip("\"'<>"), index.line_of(path_node.start_byte)))
    summary.calls = sorted(ctx.calls)


def _filter_suppressed(result: FileAnalysis, source: SourceText, config: AnalyzerConfig) -> None:
    table = suppressions(source.data, source.line_index.line_of)
    ignored = config.ignored_for(result.path)
    result.findings[:] = [
        f
        for f in result.findings
        if not is_suppressed(f.code, f.line, table) and not any(f.code.startswith(c) for c in ignored)
    ]


def analyze_project(
    index: ProjectIndex, catalog: Catalog, config: AnalyzerConfig, enabled: frozenset[str]
) -> list[Finding]:
    """Project-wide checks over the merged per-file summaries."""
    findings: list[Finding] = []
    for rule in catalog.project_rules:
        if rule.code not in enabled:
            continue
        seen: Counter[tuple[str, str]] = Counter()
        for hit in rule.check(index, config.options.get(rule.code, {})):
            if any(rule.code.startswith(c) for c in config.ignored_for(hit.path)):
                continue
            key = (hit.path, hit.function)
            seen[key] += 1
            findings.append(
                Finding(
                    code=rule.code,
                    path=hit.path,
                    line=hit.line,
                    column=1,
                    end_line=hit.line,
                    end_column=1,
                    severity=severity_for(rule.code, catalog, config),
                    function=hit.function,
                    args=hit.args,
                    fingerprint=fingerprint(rule.code, hit.path, hit.function, "", seen[key]),
                )
            )
    return findings
