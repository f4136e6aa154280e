"""Matching a rule against tokens, and writing its result.

Expressions are scanned the way Clipper's preprocessor does: operand, then operator and
operand again, with brackets balanced; an expression ends where two operands would touch
(``oDlg TITLE``), at a comma, or at a literal the pattern expects next (``:=`` in
``DEFAULT x := 1``). Optional clauses may come in any order and repeat; each match of a
clause adds one value to its markers, and a result group is written once per value.
"""

from __future__ import annotations

from dataclasses import dataclass

from protheus_ci.compiler_bridge.preprocessor.rules import (
    Literal,
    MatchElement,
    MatchKind,
    MatchMarker,
    OptionalClause,
    ResultElement,
    ResultGroup,
    ResultKind,
    ResultMarker,
    Rule,
)
from protheus_ci.compiler_bridge.preprocessor.tokens import Kind, Token, render

# A marker's value for one match: one expression (regular, wild, ...) or several (list).
Value = list[list[Token]]
Captures = dict[str, list[Value]]

_OPEN = {"(": ")", "[": "]", "{": "}"}
_PREFIX = {"-", "+", "!", "@", "&", "++", "--", "::", ".NOT."}
_BINARY = {
    "+",
    "-",
    "*",
    "/",
    "%",
    "^",
    "**",
    "=",
    "==",
    "!=",
    "<>",
    "#",
    "<",
    ">",
    "<=",
    ">=",
    "$",
    ":=",
    "+=",
    "-=",
    "*=",
    "/=",
    "^=",
    "%=",
    ".AND.",
    ".OR.",
    "|",
}
_POSTFIX_MEMBER = {":", "::", "->", "."}


@dataclass(frozen=True, slots=True)
class Match:
    end: int
    captures: Captures


def keyword_matches(token: Token, keyword: str, abbreviates: bool) -> bool:
    """Keywords match case-insensitively; #command/#translate also accept 4+ letter prefixes."""
    upper = token.upper
    if upper == keyword:
        return True
    return (
        abbreviates
        and token.kind is Kind.IDENT
        and 4 <= len(upper) < len(keyword)
        and keyword.startswith(upper)
    )


def _skip_group(tokens: list[Token], start: int) -> int:
    """Index after the bracket group opening at ``start`` (to the end if unbalanced)."""
    depth = 0
    for index in range(start, len(tokens)):
        text = tokens[index].text
        if text in _OPEN:
            depth += 1
        elif text in (")", "]", "}"):
            depth -= 1
            if depth == 0:
                return index + 1
    return len(tokens)


def _is_stop(token: Token, stops: frozenset[str]) -> bool:
    return token.upper in stops


def scan_expression(tokens: list[Token], start: int, stops: frozenset[str]) -> int:
    """End index of the expression at ``start`` (``start`` itself when there is none)."""
    index = start
    end = start  # after the last complete operand: a dangling operator is not taken
    size = len(tokens)
    while True:
        # Operand: prefix operators, a primary, then calls, indexes, sends and aliases.
        while index < size and tokens[index].upper in _PREFIX and not _is_stop(tokens[index], stops):
            index += 1
        if index >= size:
            return end
        token = tokens[index]
        if token.text in _OPEN:
            index = _skip_group(tokens, index)
        elif token.kind is Kind.OP:
            return end
        else:
            index += 1
        while index < size:
            token = tokens[index]
            if token.text == "(" or (token.text == "[" and not token.space):
                if _is_stop(token, stops):
                    break
                index = _skip_group(tokens, index)
            elif token.text in _POSTFIX_MEMBER and not _is_stop(token, stops):
                index += 2 if index + 1 < size and tokens[index + 1].text not in _OPEN else 1
            elif token.text in ("++", "--") and not _is_stop(token, stops):
                index += 1
            else:
                break
        end = index
        if index >= size or _is_stop(tokens[index], stops) or tokens[index].upper not in _BINARY:
            return end
        index += 1


class _Matcher:
    def __init__(self, rule: Rule, tokens: list[Token]) -> None:
        self.rule = rule
        self.tokens = tokens

    def sequence(self, elements: list[MatchElement], pos: int, captures: Captures) -> int | None:
        index = 0
        while index < len(elements):
            element = elements[index]
            if isinstance(element, OptionalClause):
                # A run of optional clauses: try them in any order until none matches.
                run_end = index
                while run_end < len(elements) and isinstance(elements[run_end], OptionalClause):
                    run_end += 1
                clauses = [e for e in elements[index:run_end] if isinstance(e, OptionalClause)]
                pos = self.optional_run(clauses, pos, captures)
                index = run_end
                continue
            new_pos = self.element(element, pos, captures)
            if new_pos is None:
                return None
            pos = new_pos
            index += 1
        return pos

    def optional_run(self, clauses: list[OptionalClause], pos: int, captures: Captures) -> int:
        progressed = True
        while progressed and pos < len(self.tokens):
            progressed = False
            for clause in clauses:
                trial: Captures = {name: list(values) for name, values in captures.items()}
                new_pos = self.sequence(clause.elements, pos, trial)
                if new_pos is not None and new_pos > pos:
                    captures.clear()
                    captures.update(trial)
                    pos = new_pos
                    progressed = True
                    break
        return pos

    def element(self, element: MatchElement, pos: int, captures: Captures) -> int | None:
        tokens = self.tokens
        if isinstance(element, Literal):
            if pos < len(tokens) and keyword_matches(
                tokens[pos], element.token.upper, self.rule.kind.abbreviates
            ):
                return pos + 1
            return None
        assert isinstance(element, MatchMarker)
        value, end = self.marker(element, pos)
        if end is None:
            return None
        captures.setdefault(element.name.upper(), []).append(value)
        return end

    def marker(self, marker: MatchMarker, pos: int) -> tuple[Value, int | None]:
        tokens = self.tokens
        kind = marker.kind
        if kind is MatchKind.WILD:
            return [tokens[pos:]], len(tokens)
        if kind is MatchKind.RESTRICTED:
            for words in marker.words:
                end = pos + len(words)
                if end <= len(tokens) and all(
                    keyword_matches(t, w, self.rule.kind.abbreviates)
                    for t, w in zip(tokens[pos:end], words, strict=True)
                ):
                    return [tokens[pos:end]], end
            return [], None
        if kind is MatchKind.LIST:
            items: Value = []
            while True:
                end = scan_expression(tokens, pos, marker.stops | {","})
                items.append(tokens[pos:end])
                if end < len(tokens) and tokens[end].text == ",":
                    pos = end + 1
                    continue
                return items, end
        if kind is MatchKind.EXTENDED:
            if pos < len(tokens) and tokens[pos].text == "(":
                end = _skip_group(tokens, pos)
                return [tokens[pos:end]], end
            end = pos
            while (
                end < len(tokens)
                and (end == pos or not tokens[end].space)
                and not (end > pos and tokens[end].upper in marker.stops)
            ):
                end += 1
            return ([tokens[pos:end]], end) if end > pos else ([], None)
        if kind is MatchKind.MINIMAL:
            if pos < len(tokens) and tokens[pos].kind is Kind.IDENT:
                return [tokens[pos : pos + 1]], pos + 1
            return [], None
        end = scan_expression(tokens, pos, marker.stops)
        return ([tokens[pos:end]], end) if end > pos else ([], None)


def match_rule(rule: Rule, tokens: list[Token], start: int) -> Match | None:
    captures: Captures = {}
    end = _Matcher(rule, tokens).sequence(rule.pattern, start, captures)
    if end is None or end == start:
        return None
    if rule.kind.whole_statement and end != len(tokens):
        return None
    return Match(end, captures)


def _quote(text: str) -> str:
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return f"[{text}]"


def _string(text: str, space: bool) -> Token:
    return Token(Kind.STRING, _quote(text), space)


def _with_space(tokens: list[Token], space: bool) -> list[Token]:
    return [tokens[0].spaced(space), *tokens[1:]] if tokens else []


def _join(items: list[list[Token]], space: bool) -> list[Token]:
    out: list[Token] = []
    for index, item in enumerate(items):
        if index:
            out.append(Token(Kind.OP, ",", False))
        out.extend(_with_space(item, space if index == 0 else bool(item and item[0].space)))
    return out


def _is_block(item: list[Token]) -> bool:
    return len(item) >= 2 and item[0].text == "{" and item[1].text == "|"


def _is_wrapped(item: list[Token]) -> bool:
    return bool(item) and item[0].text == "(" and _skip_group(item, 0) == len(item)


def _write_marker(marker: ResultMarker, value: Value | None) -> list[Token]:
    kind = marker.kind
    space = marker.space
    if kind is ResultKind.LOGIFY:
        return [Token(Kind.DOTWORD, ".T." if value is not None and any(value) else ".F.", space)]
    if kind is ResultKind.BLANK:
        return []
    if kind is ResultKind.DUMB_STRINGIFY:
        return [_string(render(_join(value or [], False)), space)]
    if value is None:
        return []
    items = [item for item in value if item] if kind is not ResultKind.REGULAR else value
    if kind is ResultKind.REGULAR:
        return _join(items, space)
    converted: list[list[Token]] = []
    for item in items:
        text = render(_with_space(item, False))
        if kind is ResultKind.NORMAL_STRINGIFY:
            converted.append([_string(text, False)])
        elif kind is ResultKind.SMART_STRINGIFY:
            keep = _is_wrapped(item) or (len(item) == 1 and item[0].kind is Kind.STRING)
            converted.append(_with_space(item, False) if keep else [_string(text, False)])
        elif _is_block(item):
            converted.append(_with_space(item, False))
        else:
            converted.append([*_tokens_of_block(), *_with_space(item, True), Token(Kind.OP, "}", True)])
    return _join(converted, space)


def _tokens_of_block() -> list[Token]:
    return [Token(Kind.OP, "{", False), Token(Kind.OP, "|", False), Token(Kind.OP, "|", False)]


def _markers_in(elements: list[ResultElement]) -> list[ResultMarker]:
    found: list[ResultMarker] = []
    for element in elements:
        if isinstance(element, ResultMarker):
            found.append(element)
        elif isinstance(element, ResultGroup):
            found.extend(_markers_in(element.elements))
    return found


def write_result(
    elements: list[ResultElement], captures: Captures, occurrence: int | None = None
) -> list[Token]:
    """Build the result tokens; inside a repeated group ``occurrence`` picks each value."""
    out: list[Token] = []
    for element in elements:
        if isinstance(element, Literal):
            out.append(element.token)
        elif isinstance(element, ResultMarker):
            values = captures.get(element.name)
            if values and occurrence is not None and occurrence >= len(values):
                value = None
            elif values:
                value = values[occurrence or 0]
            else:
                value = None
            out.extend(_write_marker(element, value))
        else:
            inner = _markers_in(element.elements)
            counts = [len(captures.get(m.name, [])) for m in inner]
            for repeat in range(max(counts, default=0)):
                out.extend(_with_space(write_result(element.elements, captures, repeat), element.space))
    return out
