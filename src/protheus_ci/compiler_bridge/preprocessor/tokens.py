"""Tokens of a preprocessed line, and the comment stripper that runs before them.

The preprocessor works on tokens, not characters, the way Clipper's and Harbour's do: a
rule matches words and operators, and the output is rebuilt from the tokens with the
spacing of the input (``space`` says whether whitespace came before the token).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass


class Kind(enum.Enum):
    IDENT = "ident"
    NUMBER = "number"
    STRING = "string"
    DOTWORD = "dotword"  # .T. .F. .AND. .OR. .NOT.
    OP = "op"


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    space: bool = False

    @property
    def upper(self) -> str:
        return self.text.upper()

    def spaced(self, space: bool) -> Token:
        return self if self.space == space else Token(self.kind, self.text, space)


_OPERATORS = (
    "...",
    ":=",
    "==",
    "!=",
    "<>",
    "<=",
    ">=",
    "->",
    "++",
    "--",
    "+=",
    "-=",
    "*=",
    "/=",
    "^=",
    "%=",
    "**",
    "::",
    "=>",
)
_TOKEN = re.compile(
    r"(?P<ws>\s+)"
    r'|(?P<string>"[^"]*"|\'[^\']*\')'
    r"|(?P<number>0[xX][0-9A-Fa-f]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<dotword>\.(?:and|or|not|t|f|y|n)\.)"
    r"|(?P<ident>[^\W\d]\w*)"
    r"|(?P<op>" + "|".join(re.escape(op) for op in _OPERATORS) + r"|.)",
    re.IGNORECASE,
)


_KINDS = {kind.value: kind for kind in Kind}


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    space = False
    for match in _TOKEN.finditer(text):
        group = match.lastgroup
        if group == "ws":
            space = True
            continue
        tokens.append(Token(_KINDS[group or "op"], match.group(), space))
        space = False
    return tokens


def render(tokens: Iterable[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.space and parts:
            parts.append(" ")
        parts.append(token.text)
    return "".join(parts)


def split_statements(tokens: list[Token]) -> list[list[Token]]:
    """Split at ``;``: Clipper puts several statements on one line with it."""
    statements: list[list[Token]] = [[]]
    for token in tokens:
        if token.kind is Kind.OP and token.text == ";":
            statements.append([])
        else:
            statements[-1].append(token)
    return [s for s in statements if s]


# Strings first so that ``//`` or ``&&`` inside a literal is never taken as a comment.
_COMMENT = re.compile(
    r'"[^"\n]*"|\'[^\'\n]*\'|(?P<block>/\*.*?\*/)|(?P<line>(?://|&&)[^\n]*)|(?P<star>^[ \t]*\*[^\n]*)',
    re.DOTALL | re.MULTILINE,
)


def strip_comments(text: str) -> str:
    """Blank out comments, keeping every newline so line numbers stay true."""

    def blank(match: re.Match[str]) -> str:
        if match.lastgroup is None:
            return match.group()
        return "\n" * match.group().count("\n") or " "

    return _COMMENT.sub(blank, text)
