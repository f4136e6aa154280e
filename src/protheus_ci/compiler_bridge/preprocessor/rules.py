"""Parsing ``#command``/``#xcommand``/``#translate``/``#xtranslate`` into rules.

A rule is a match pattern (literal tokens, match markers, optional clauses) and a result
pattern (literal tokens, result markers, optional groups). The marker set is Clipper's
and Harbour's; see ``docs/compile-publish.md`` for the table.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from protheus_ci.compiler_bridge.preprocessor.tokens import Token, tokenize


class RuleError(ValueError):
    """A directive that cannot be read as a rule."""


class MatchKind(enum.Enum):
    REGULAR = "regular"  # <x>
    LIST = "list"  # <x,...>
    RESTRICTED = "restricted"  # <x: a, b>
    WILD = "wild"  # <*x*>
    EXTENDED = "extended"  # <(x)>
    MINIMAL = "minimal"  # <!x!>


class ResultKind(enum.Enum):
    REGULAR = "regular"  # <x>
    DUMB_STRINGIFY = "dumb"  # #<x>
    NORMAL_STRINGIFY = "normal"  # <"x">
    SMART_STRINGIFY = "smart"  # <(x)>
    BLOCKIFY = "blockify"  # <{x}>
    LOGIFY = "logify"  # <.x.>
    BLANK = "blank"  # <-x->


@dataclass(frozen=True, slots=True)
class Literal:
    token: Token


@dataclass(slots=True)
class MatchMarker:
    name: str
    kind: MatchKind
    words: tuple[tuple[str, ...], ...] = ()
    # Literals that may follow this marker: an expression stops before any of them.
    stops: frozenset[str] = frozenset()


@dataclass(slots=True)
class OptionalClause:
    elements: list[MatchElement]


MatchElement = Literal | MatchMarker | OptionalClause


@dataclass(frozen=True, slots=True)
class ResultMarker:
    name: str
    kind: ResultKind
    space: bool


@dataclass(slots=True)
class ResultGroup:
    elements: list[ResultElement]
    space: bool = False


ResultElement = Literal | ResultMarker | ResultGroup


class RuleKind(enum.Enum):
    COMMAND = "command"
    XCOMMAND = "xcommand"
    TRANSLATE = "translate"
    XTRANSLATE = "xtranslate"

    @property
    def whole_statement(self) -> bool:
        return self in (RuleKind.COMMAND, RuleKind.XCOMMAND)

    @property
    def abbreviates(self) -> bool:
        """dBase heritage: #command and #translate accept keywords cut to 4 letters."""
        return self in (RuleKind.COMMAND, RuleKind.TRANSLATE)


@dataclass(slots=True)
class Rule:
    kind: RuleKind
    pattern: list[MatchElement]
    result: list[ResultElement]
    origin: tuple[str, int]
    markers: dict[str, MatchMarker] = field(default_factory=dict)

    @property
    def key(self) -> str | None:
        """The first literal's bucket key, or None when the pattern starts with a marker."""
        first = self.pattern[0] if self.pattern else None
        return bucket_key(first.token.upper) if isinstance(first, Literal) else None


def bucket_key(upper_text: str) -> str:
    return upper_text[:4]


_MATCH_MARKER = re.compile(
    r"<\s*(?:\*\s*(?P<wild>\w+)\s*\*|\(\s*(?P<ext>\w+)\s*\)|!\s*(?P<min>\w+)\s*!"
    r"|(?P<list>\w+)\s*,\s*\.\.\.|(?P<res>\w+)\s*:(?P<words>[^>]*)|(?P<reg>\w+))\s*>"
)
_RESULT_MARKER = re.compile(
    r"#\s*<\s*(?P<dumb>\w+)\s*>|<\s*(?:\"(?P<normal>\w+)\"|\(\s*(?P<smart>\w+)\s*\)|\{\s*(?P<block>\w+)\s*\}"
    r"|\.\s*(?P<logify>\w+)\s*\.|-\s*(?P<blank>\w+)\s*-|(?P<regular>\w+))\s*>"
)
_MATCH_KINDS = {
    "wild": MatchKind.WILD,
    "ext": MatchKind.EXTENDED,
    "min": MatchKind.MINIMAL,
    "list": MatchKind.LIST,
    "res": MatchKind.RESTRICTED,
    "reg": MatchKind.REGULAR,
}
_RESULT_KINDS = {
    "dumb": ResultKind.DUMB_STRINGIFY,
    "normal": ResultKind.NORMAL_STRINGIFY,
    "smart": ResultKind.SMART_STRINGIFY,
    "block": ResultKind.BLOCKIFY,
    "logify": ResultKind.LOGIFY,
    "blank": ResultKind.BLANK,
    "regular": ResultKind.REGULAR,
}


def split_rule(body: str) -> tuple[str, str]:
    """Split ``pattern => result`` at the first ``=>`` outside string literals."""
    for match in re.finditer(r'"[^"]*"|\'[^\']*\'|=>', body):
        if match.group() == "=>":
            return body[: match.start()], body[match.end() :]
    raise RuleError("missing '=>' between the match pattern and the result")


def parse_rule(kind: RuleKind, body: str, origin: tuple[str, int]) -> Rule:
    pattern_text, result_text = split_rule(body)
    markers: dict[str, MatchMarker] = {}
    pattern = _parse_match(pattern_text, markers)
    if not pattern:
        raise RuleError("empty match pattern")
    _annotate_stops(pattern, frozenset())
    result = _parse_result(result_text, markers)
    return Rule(kind, pattern, result, origin, markers)


def _literal_tokens(text: str) -> list[Literal]:
    return [Literal(token) for token in tokenize(text)]


def _scan(text: str, marker_re: re.Pattern[str]) -> list[tuple[str, str, re.Match[str] | None, bool]]:
    """Split rule text into ('text'|'marker'|'open'|'close', text, match, space-before) pieces."""
    pieces: list[tuple[str, str, re.Match[str] | None, bool]] = []
    position = 0
    pending = ""
    boundary = re.compile(r"\\(.)|\[|\]|" + marker_re.pattern)
    for match in boundary.finditer(text):
        if match.group(1) is not None:  # \[ \] \< : an escaped literal character
            pending += text[position : match.start()] + match.group(1)
            position = match.end()
            continue
        pending += text[position : match.start()]
        if pending:
            pieces.append(("text", pending, None, False))
            pending = ""
        space = match.start() > 0 and text[match.start() - 1].isspace()
        char = match.group()
        if char == "[":
            pieces.append(("open", char, None, space))
        elif char == "]":
            pieces.append(("close", char, None, space))
        else:
            pieces.append(("marker", char, match, space))
        position = match.end()
    pending += text[position:]
    if pending:
        pieces.append(("text", pending, None, False))
    return pieces


def _parse_match(text: str, markers: dict[str, MatchMarker]) -> list[MatchElement]:
    stack: list[list[MatchElement]] = [[]]
    for piece, chunk, match, _space in _scan(text, _MATCH_MARKER):
        if piece == "text":
            stack[-1].extend(_literal_tokens(chunk))
        elif piece == "open":
            stack.append([])
        elif piece == "close":
            if len(stack) == 1:
                raise RuleError("']' without '[' in the match pattern")
            clause = OptionalClause(stack.pop())
            stack[-1].append(clause)
        else:
            assert match is not None
            group = next(name for name in _MATCH_KINDS if match.group(name) is not None)
            marker = MatchMarker(match.group(group), _MATCH_KINDS[group])
            if marker.kind is MatchKind.RESTRICTED:
                marker.words = tuple(
                    tuple(t.upper for t in tokenize(word)) for word in match.group("words").split(",")
                )
            markers[marker.name.upper()] = marker
            stack[-1].append(marker)
    if len(stack) != 1:
        raise RuleError("'[' without ']' in the match pattern")
    return stack[0]


def _first_literals(elements: list[MatchElement]) -> tuple[set[str], bool]:
    """Literals that can start ``elements``, and whether all of it is optional."""
    firsts: set[str] = set()
    for element in elements:
        if isinstance(element, Literal):
            firsts.add(element.token.upper)
            return firsts, False
        if isinstance(element, MatchMarker):
            return firsts, False
        inner, _ = _first_literals(element.elements)
        firsts |= inner
    return firsts, True


def _annotate_stops(elements: list[MatchElement], follow: frozenset[str]) -> None:
    for index, element in enumerate(elements):
        rest = elements[index + 1 :]
        firsts, all_optional = _first_literals(rest)
        after = frozenset(firsts) | (follow if all_optional else frozenset())
        if isinstance(element, MatchMarker):
            element.stops = after
        elif isinstance(element, OptionalClause):
            # A clause may repeat, so its own start also follows its end.
            own, _ = _first_literals(element.elements)
            _annotate_stops(element.elements, after | frozenset(own))


def _parse_result(text: str, markers: dict[str, MatchMarker]) -> list[ResultElement]:
    stack: list[list[ResultElement]] = [[]]
    spaces: list[bool] = []
    for piece, chunk, match, space in _scan(text, _RESULT_MARKER):
        if piece == "text":
            stack[-1].extend(_literal_tokens(chunk))
        elif piece == "open":
            stack.append([])
            spaces.append(space)
        elif piece == "close":
            if len(stack) == 1:
                raise RuleError("']' without '[' in the result pattern")
            group = ResultGroup(stack.pop(), spaces.pop())
            stack[-1].append(group)
        else:
            assert match is not None
            kind = next(name for name in _RESULT_KINDS if match.group(name) is not None)
            name = match.group(kind)
            if name.upper() not in markers:
                # Not one of this rule's markers (e.g. ``a < b > c``): plain text.
                stack[-1].extend(_literal_tokens(chunk))
                continue
            stack[-1].append(ResultMarker(name.upper(), _RESULT_KINDS[kind], space))
    if len(stack) != 1:
        raise RuleError("'[' without ']' in the result pattern")
    return stack[0]
