"""The loaded rule catalog: checks joined to their metadata, and the single
tree-sitter query that finds, in one pass over a tree, everything the checks
and the shared helpers need."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from tree_sitter import Query

from protheus_ci import __version__
from protheus_ci.analyzers.language import language
from protheus_ci.analyzers.rules.api import REGISTERED, AnyRule, CallRule, FileRule, ProjectRule, QueryRule
from protheus_ci.analyzers.rules.meta import RuleMeta, load_meta
from protheus_ci.analyzers.rules.registry import import_rule_modules

#: Patterns the engine itself needs, before any rule's. Their order is their
#: index in the combined query.
BASE_PATTERNS = (
    "(call_expression function: (identifier) @fn) @call",
    "[(function_definition) (method_definition) (wsmethod_definition)] @function",
    "(variable_declaration scope: _ @scope (variable_declarator name: (_) @name))",
    "(parameters_statement (identifier) @name)",
    "(return_statement) @return",
    "[(embedded_sql) (embedded_content)] @sql",
    "(preproc_include path: (_) @path) @include",
    "[(class_definition) (webservice_definition)] @type",
    # Each adds a path through a function (McCabe, as SonarQube counts it).
    """[(if_statement) (elseif_clause) (case_clause) (while_statement) (for_statement)
        (catch_clause) (recover_clause) (binary_expression operator: [".and." ".or."])] @decision""",
)
CALL, FUNCTION, DECLARATION, PARAMETERS, RETURN, SQL, INCLUDE, TYPE, DECISION = range(len(BASE_PATTERNS))

#: Codes the engine reports itself: files it cannot analyze, and syntax errors.
BINARY, TOO_LARGE, COMPRESSED, UNREADABLE, RULE_FAILED = "FIL001", "FIL002", "FIL003", "FIL004", "FIL005"
SYNTAX = "SYN001"
ENGINE_CODES = (BINARY, TOO_LARGE, COMPRESSED, UNREADABLE, RULE_FAILED, SYNTAX)


@dataclass
class Catalog:
    rules: list[AnyRule]
    meta: dict[str, RuleMeta]
    calls: dict[str, list[CallRule]] = field(default_factory=lambda: defaultdict(list))
    query_rules: list[QueryRule] = field(default_factory=list)
    file_rules: list[FileRule] = field(default_factory=list)
    project_rules: list[ProjectRule] = field(default_factory=list)
    #: combined-query pattern index -> the query rules that asked for it; rules
    #: that share a query share its patterns, so each match is found once
    pattern_rules: dict[int, list[QueryRule]] = field(default_factory=lambda: defaultdict(list))
    query: Query | None = None
    version: str = ""

    @property
    def codes(self) -> set[str]:
        return set(self.meta)


def _rules_digest() -> str:
    """Changes whenever a rule's code or documentation changes, so cached results
    made by older rules are never reused."""
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("protheus_ci.analyzers")
    for folder in (package, package.joinpath("rules"), package.joinpath("rules", "docs")):
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith((".py", ".toml")):
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


@cache
def load_catalog() -> Catalog:
    import_rule_modules()
    catalog = Catalog(rules=list(REGISTERED), meta={code: load_meta(code) for code in ENGINE_CODES})
    patterns = list(BASE_PATTERNS)
    # A query string may hold several patterns: their indexes in the combined
    # query run on from the patterns before it.
    next_index = len(BASE_PATTERNS)
    # A rule asking for exactly a base pattern gets the base matches.
    indexes: dict[str, range] = {pattern: range(i, i + 1) for i, pattern in enumerate(BASE_PATTERNS)}
    for rule in catalog.rules:
        if rule.code in catalog.meta:
            raise ValueError(f"rule code {rule.code} is registered twice")
        catalog.meta[rule.code] = load_meta(rule.code)
        match rule:
            case CallRule():
                for name in rule.names:
                    catalog.calls[name].append(rule)
            case QueryRule():
                if rule.query not in indexes:
                    count = Query(language(), rule.query).pattern_count
                    indexes[rule.query] = range(next_index, next_index + count)
                    next_index += count
                    patterns.append(rule.query)
                for index in indexes[rule.query]:
                    catalog.pattern_rules[index].append(rule)
                catalog.query_rules.append(rule)
            case FileRule():
                catalog.file_rules.append(rule)
            case ProjectRule():
                catalog.project_rules.append(rule)
    catalog.query = Query(language(), "\n".join(patterns))
    catalog.version = _rules_digest()
    return catalog
