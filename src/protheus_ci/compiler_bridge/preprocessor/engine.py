"""The preprocessor: directives, includes, conditionals, defines and rules, to ``.ppo``.

One :class:`Preprocessor` serves many sources: headers are read and their rules parsed
once (``SourceFiles`` keeps them), while defines, rules and conditionals start afresh
for every source, as they do for each compilation unit in the TOTVS compiler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from protheus_ci.compiler_bridge import codes
from protheus_ci.compiler_bridge.preprocessor.includes import (
    IncludeEscapeError,
    LoadedFile,
    SourceFiles,
    resolve_include,
)
from protheus_ci.compiler_bridge.preprocessor.matcher import match_rule, write_result
from protheus_ci.compiler_bridge.preprocessor.rules import Rule, RuleError, RuleKind, bucket_key, parse_rule
from protheus_ci.compiler_bridge.preprocessor.source_text import CompressedHeaderError, split_lines
from protheus_ci.compiler_bridge.preprocessor.tokens import (
    Kind,
    Token,
    render,
    split_statements,
    strip_comments,
    tokenize,
)
from protheus_ci.compiler_bridge.types import Diagnostic

MAX_INCLUDE_DEPTH = 32
# Rewrites allowed for one logical line before it is declared runaway: real headers need
# a few dozen at most (a DEFINE with its clauses), a self-feeding rule needs all of them.
MAX_REWRITES = 1000
MAX_TOKENS = 20000

_DIRECTIVE = re.compile(r"^\s*#\s*([A-Za-z]+)\b\s*(.*)$", re.DOTALL)
# A missing closing quote is tolerated at the end of the line, as the TOTVS compiler does.
_INCLUDE_NAME = re.compile(r'^\s*(?:"([^"]+)"?|\'([^\']+)\'?|<([^>]+)>)\s*$')
_DEFINE = re.compile(r"^([^\W\d]\w*)(\(([^)]*)\))?\s*(.*)$", re.DOTALL)
_RULE_KINDS = {kind.value: kind for kind in RuleKind}


@dataclass(frozen=True, slots=True)
class LogicalLine:
    """Physical lines joined by a trailing ``;``; ``line`` is the first, ``span`` the count."""

    line: int
    span: int
    text: str
    directive: str | None
    argument: str
    rule: Rule | RuleError | None


@dataclass(frozen=True, slots=True)
class Define:
    params: tuple[str, ...] | None
    body: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class PpoLine:
    text: str
    file: str
    line: int


@dataclass(slots=True)
class PreprocessResult:
    source: str
    lines: list[PpoLine] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    includes: dict[str, str] = field(default_factory=dict)  # path -> sha256 of its bytes

    def ppo_text(self) -> str:
        """The ``.ppo`` text, with ``#line`` markers wherever the mapping jumps."""
        out: list[str] = []
        expected: tuple[str, int] | None = None
        for ppo in self.lines:
            if expected != (ppo.file, ppo.line):
                out.append(f'#line {ppo.line} "{ppo.file}"')
            out.append(ppo.text)
            expected = (ppo.file, ppo.line + 1)
        return "\r\n".join(out) + "\r\n"

    def origin(self, ppo_line: int) -> tuple[str, int]:
        """Map a 1-based line of ``lines`` back to its file and line."""
        ppo = self.lines[ppo_line - 1]
        return ppo.file, ppo.line


def logical_lines(text: str, origin: str) -> list[LogicalLine]:
    """Parse a file's text once: join continuations, classify directives, parse rules."""
    physical = split_lines(strip_comments(text))
    result: list[LogicalLine] = []
    index = 0
    while index < len(physical):
        start = index
        parts = [physical[index].rstrip()]
        while parts[-1].endswith(";") and index + 1 < len(physical):
            parts[-1] = parts[-1][:-1]
            index += 1
            parts.append(physical[index].rstrip())
        index += 1
        joined = " ".join(parts)
        match = _DIRECTIVE.match(joined)
        directive = match.group(1).lower() if match else None
        argument = match.group(2).strip() if match else ""
        rule: Rule | RuleError | None = None
        if directive in _RULE_KINDS:
            try:
                rule = parse_rule(_RULE_KINDS[directive], argument, (origin, start + 1))
            except RuleError as exc:
                rule = exc
        result.append(LogicalLine(start + 1, index - start, joined, directive, argument, rule))
    return result


class RunawayError(Exception):
    pass


@dataclass(slots=True)
class _Condition:
    """One open #ifdef: whether its enclosing region was active, and which branch ran."""

    parent_active: bool
    taken: bool
    else_seen: bool = False


class _Unit:
    """The state of one compilation unit: defines, rules, conditionals and output."""

    def __init__(self, pp: Preprocessor, source: str) -> None:
        self.pp = pp
        self.result = PreprocessResult(source)
        self.defines: dict[str, Define] = dict(pp.predefined)
        self.rules: dict[str, list[tuple[int, Rule]]] = {}
        self.wild_rules: list[tuple[int, Rule]] = []
        self.merged: dict[str, list[Rule]] = {}
        self.sequence = 0
        self.stack: list[Path] = []
        self.in_sql = False

    # -- diagnostics ---------------------------------------------------------------
    def report(self, code: codes.Code, file: Path, line: int, message: str) -> None:
        self.result.diagnostics.append(
            Diagnostic(self.pp.display(file), line, 1, code.code, code.severity, message)
        )

    # -- files ---------------------------------------------------------------------
    def run_file(self, loaded: LoadedFile) -> None:
        if loaded.parsed is None:
            loaded.parsed = logical_lines(loaded.text, self.pp.display(loaded.path))
        lines = loaded.parsed
        assert isinstance(lines, list)
        self.stack.append(loaded.path)
        conditions: list[_Condition] = []
        active = True
        for logical in lines:
            if logical.directive is not None and not self.in_sql:
                active = self.directive(loaded.path, logical, conditions, active)
                self.blank(loaded.path, logical.line, logical.span)
            elif active:
                self.code(loaded.path, logical)
            else:
                self.blank(loaded.path, logical.line, logical.span)
        if conditions:
            self.report(codes.UNBALANCED_CONDITIONAL, loaded.path, len(lines), "#ifdef without #endif")
        self.stack.pop()

    def blank(self, path: Path, line: int, span: int) -> None:
        # Only the main source keeps its blank lines: the .ppo stays line-aligned with it.
        if len(self.stack) == 1:
            name = self.pp.display(path)
            self.result.lines.extend(PpoLine("", name, line + offset) for offset in range(span))

    def directive(self, path: Path, logical: LogicalLine, conditions: list[_Condition], active: bool) -> bool:
        name = logical.directive
        argument = logical.argument
        if name in ("ifdef", "ifndef"):
            words = argument.split()
            defined = bool(words) and words[0] in self.defines
            taken = defined if name == "ifdef" else not defined
            conditions.append(_Condition(active, taken))
            return active and taken
        if name == "else":
            if not conditions or conditions[-1].else_seen:
                self.report(codes.UNBALANCED_CONDITIONAL, path, logical.line, "#else without #ifdef")
                return active
            conditions[-1].else_seen = True
            return conditions[-1].parent_active and not conditions[-1].taken
        if name == "endif":
            if not conditions:
                self.report(codes.UNBALANCED_CONDITIONAL, path, logical.line, "#endif without #ifdef")
                return active
            return conditions.pop().parent_active
        if not active:
            return active
        if name == "include":
            self.include(path, logical)
        elif name == "define":
            self.define(path, logical)
        elif name == "undef":
            self.defines.pop(argument.split()[0] if argument.split() else "", None)
        elif isinstance(logical.rule, Rule):
            self.add_rule(logical.rule)
        elif isinstance(logical.rule, RuleError):
            self.report(codes.BAD_DIRECTIVE, path, logical.line, f"#{name}: {logical.rule}")
        elif name == "error":
            self.report(codes.USER_ERROR, path, logical.line, argument)
        elif name not in ("pragma", "line", "stdout", "warning"):
            self.report(codes.BAD_DIRECTIVE, path, logical.line, f"unknown directive #{name}")
        return active

    def include(self, path: Path, logical: LogicalLine) -> None:
        match = _INCLUDE_NAME.match(logical.argument)
        if match is None:
            self.report(
                codes.BAD_DIRECTIVE, path, logical.line, f"#include needs a file name: {logical.argument}"
            )
            return
        name = next(g for g in match.groups() if g is not None).replace("\\", "/")
        try:
            found = resolve_include(self.pp.files, name, path.parent, self.pp.include_dirs, self.pp.roots)
        except IncludeEscapeError:
            self.report(codes.INCLUDE_ESCAPES, path, logical.line, f"{name} lies outside the repository")
            return
        if found is None:
            self.report(codes.FILE_NOT_FOUND, path, logical.line, f"File not found {name.upper()}")
            return
        # Only the customer's own includes: TOTVS's headers are not theirs to fix.
        if found.case_differs and path.is_relative_to(self.pp.root):
            self.report(
                codes.INCLUDE_CASE,
                path,
                logical.line,
                f"{name} found as {found.path.name}: a Linux AppServer will not find it",
            )
        if found.path in self.stack:
            chain = " -> ".join(p.name for p in [*self.stack, found.path])
            self.report(codes.INCLUDE_CYCLE, path, logical.line, f"include cycle: {chain}")
            return
        if len(self.stack) >= MAX_INCLUDE_DEPTH:
            self.report(
                codes.INCLUDE_CYCLE, path, logical.line, f"includes nested deeper than {MAX_INCLUDE_DEPTH}"
            )
            return
        try:
            loaded = self.pp.files.load(found.path)
        except CompressedHeaderError as exc:
            self.report(codes.COMPRESSED_HEADER, path, logical.line, f"{name}: {exc}")
            return
        except OSError as exc:
            self.report(
                codes.FILE_NOT_FOUND, path, logical.line, f"File not found {name.upper()} ({exc.strerror})"
            )
            return
        self.result.includes[str(found.path)] = loaded.digest
        self.run_file(loaded)

    def define(self, path: Path, logical: LogicalLine) -> None:
        match = _DEFINE.match(logical.argument)
        if match is None:
            self.report(codes.BAD_DIRECTIVE, path, logical.line, f"#define needs a name: {logical.argument}")
            return
        name, has_params, params, body = match.groups()
        parameters = tuple(p.strip() for p in params.split(",") if p.strip()) if has_params else None
        # ``#define F (x)`` with a space is object-like: only ``F(`` makes parameters.
        if has_params and logical.argument[len(name)] != "(":
            parameters, body = None, f"{has_params} {body}"
        self.defines[name] = Define(parameters, tuple(tokenize(body)))

    def add_rule(self, rule: Rule) -> None:
        self.merged.clear()
        self.sequence += 1
        key = rule.key
        if key is None:
            self.wild_rules.append((self.sequence, rule))
        else:
            self.rules.setdefault(key, []).append((self.sequence, rule))

    # -- code ----------------------------------------------------------------------
    def code(self, path: Path, logical: LogicalLine) -> None:
        tokens = tokenize(logical.text)
        if self.in_sql or (tokens and tokens[0].upper == "BEGINSQL"):
            # Embedded SQL is the compiler's own construct, not a header's: pass it through.
            self.in_sql = not (tokens and tokens[0].upper == "ENDSQL")
            text = logical.text.strip()
        else:
            try:
                text = " ; ".join(render(s) for s in self.expand(tokens))
            except RunawayError as exc:
                self.report(codes.RUNAWAY_EXPANSION, path, logical.line, str(exc))
                text = render(tokens)
        name = self.pp.display(path)
        if len(self.stack) > 1 and not text:
            return  # a header's blank lines would only bloat the .ppo
        self.result.lines.append(PpoLine(text, name, logical.line))
        if len(self.stack) == 1:
            self.result.lines.extend(PpoLine("", name, logical.line + k) for k in range(1, logical.span))

    def candidates(self, token: Token) -> list[Rule]:
        """Rules that may start at ``token``, the most recently defined first."""
        key = bucket_key(token.upper)
        merged = self.merged.get(key)
        if merged is None:
            ordered = sorted([*self.rules.get(key, []), *self.wild_rules], key=lambda item: -item[0])
            merged = self.merged[key] = [rule for _sequence, rule in ordered]
        return merged

    def expand(self, tokens: list[Token]) -> list[list[Token]]:
        """Rewrite until stable: defines, then translates, then one command per statement."""
        budget = MAX_REWRITES
        done: list[list[Token]] = []
        queue = split_statements(tokens)
        while queue:
            statement = queue.pop(0)
            while True:
                budget -= 1
                if budget < 0 or len(statement) > MAX_TOKENS:
                    raise RunawayError(f"expansion did not settle after {MAX_REWRITES} rewrites")
                rewritten = self.apply_defines(statement)
                if rewritten is None:
                    rewritten = self.apply_translate(statement)
                if rewritten is not None:
                    statement = rewritten
                    continue
                produced = self.apply_command(statement)
                # A rule whose result is its own input (``ENDIF <*x*> => endif``) is settled.
                if produced is None or _same(produced, statement):
                    done.append(statement)
                else:
                    queue[:0] = split_statements(produced)
                break
        return done

    def apply_defines(self, tokens: list[Token]) -> list[Token] | None:
        out: list[Token] = []
        changed = False
        index = 0
        while index < len(tokens):
            token = tokens[index]
            define = self.defines.get(token.text) if token.kind is Kind.IDENT else None
            if define is None:
                out.append(token)
                index += 1
                continue
            if define.params is None:
                out.extend(_respace(list(define.body), token.space))
                index += 1
                changed = True
                continue
            if index + 1 >= len(tokens) or tokens[index + 1].text != "(":
                out.append(token)
                index += 1
                continue
            args, end = _call_arguments(tokens, index + 1)
            bindings = dict(zip(define.params, args, strict=False))
            body: list[Token] = []
            for part in define.body:
                bound = bindings.get(part.text) if part.kind is Kind.IDENT else None
                body.extend(_respace(bound, part.space) if bound is not None else [part])
            out.extend(_respace(body, token.space))
            index = end
            changed = True
        return out if changed else None

    def apply_translate(self, tokens: list[Token]) -> list[Token] | None:
        for start, token in enumerate(tokens):
            for rule in self.candidates(token):
                if rule.kind.whole_statement:
                    continue
                match = match_rule(rule, tokens, start)
                if match is not None:
                    result = _respace(write_result(rule.result, match.captures), token.space)
                    if not _same(result, tokens[start : match.end]):
                        return [*tokens[:start], *result, *tokens[match.end :]]
        return None

    def apply_command(self, tokens: list[Token]) -> list[Token] | None:
        if not tokens:
            return None
        for rule in self.candidates(tokens[0]):
            if not rule.kind.whole_statement:
                continue
            match = match_rule(rule, tokens, 0)
            if match is not None:
                return write_result(rule.result, match.captures)
        return None


def _same(left: list[Token], right: list[Token]) -> bool:
    return len(left) == len(right) and all(a.upper == b.upper for a, b in zip(left, right, strict=True))


def _respace(tokens: list[Token], space: bool) -> list[Token]:
    return [tokens[0].spaced(space), *tokens[1:]] if tokens else []


def _call_arguments(tokens: list[Token], open_index: int) -> tuple[list[list[Token]], int]:
    """Arguments of the call whose ``(`` is at ``open_index``, and the index after ``)``."""
    args: list[list[Token]] = [[]]
    depth = 0
    for index in range(open_index, len(tokens)):
        text = tokens[index].text
        if text in ("(", "[", "{"):
            depth += 1
            if depth == 1:
                continue
        elif text in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return args, index + 1
        elif text == "," and depth == 1:
            args.append([])
            continue
        args[-1].append(tokens[index])
    return args, len(tokens)


class Preprocessor:
    """Preprocess sources of one repository against a list of include folders."""

    def __init__(
        self,
        root: Path,
        include_dirs: list[Path] | tuple[Path, ...] = (),
        defines: dict[str, str] | None = None,
        files: SourceFiles | None = None,
    ) -> None:
        self.root = root.resolve()
        self.include_dirs = [Path(d).resolve() for d in include_dirs]
        self.roots = [self.root, *self.include_dirs]
        self.files = files or SourceFiles()
        self._names: dict[Path, str] = {}
        self.predefined = {
            name: Define(None, tuple(tokenize(value))) for name, value in (defines or {}).items()
        }

    def display(self, path: Path) -> str:
        """Repository files by their relative path, headers elsewhere by their full path."""
        name = self._names.get(path)
        if name is None:
            name = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
            self._names[path] = name
        return name

    def preprocess(self, source: Path) -> PreprocessResult:
        path = (self.root / source).resolve() if not source.is_absolute() else source.resolve()
        unit = _Unit(self, self.display(path))
        try:
            loaded = self.files.load(path)
        except (OSError, CompressedHeaderError) as exc:
            unit.report(codes.FILE_NOT_FOUND, path, 0, f"File not found {path.name.upper()} ({exc})")
            return unit.result
        unit.run_file(loaded)
        return unit.result
