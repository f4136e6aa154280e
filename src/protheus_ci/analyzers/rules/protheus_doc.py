"""Shared by DOC001-DOC004: the ProtheusDOC blocks of a file, and whether a
definition has one.

Blocks are read from the bytes: a block written after a function's `Return`
parses as part of that function's body (ADVPL functions have no closing
keyword), so tree siblings do not tell which definition a block precedes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from protheus_ci.analyzers.context import FileContext

_BLOCK = re.compile(rb"/\*/?\{protheus\.doc\}[ \t]*([^\r\n]*)(?:.*?/\*/|.*\Z)", re.IGNORECASE | re.DOTALL)
#: Words some templates put before the name (`{Protheus.doc} User Function X`).
_KIND_WORDS = frozenset(
    {
        "user",
        "static",
        "main",
        "public",
        "private",
        "protected",
        "function",
        "class",
        "method",
        "wsmethod",
        "wsrestful",
        "wsservice",
    }
)
#: Between a block and its definition: blank space, line comments and
#: preprocessor lines (`#ifdef __dbg__`) only. Possessive, so a long gap that
#: fails does not backtrack through every way of splitting it.
_GAP = re.compile(rb"(?:\s++|//[^\n]*+|#[^\n]*+)*+")


@dataclass(frozen=True, slots=True)
class DocBlock:
    start: int
    end: int
    name: str  # as written, first word after {Protheus.doc}
    key: str  # normalized for comparison: see doc_key


def doc_key(name: str) -> str:
    """`U_XYZ001()`, `xyz001`, `TCli:New`, `TCli::New`, `acme.fin.Pay` compare
    by their last part, without a `U_` prefix, case-insensitively."""
    last = re.split(r"::|:|\.|->", name.split("(")[0].strip())[-1].lower()
    return last[2:] if last.startswith("u_") and len(last) > 2 else last


@dataclass
class FileDocs:
    blocks: list[DocBlock]
    ends: list[int]
    keys: frozenset[str]


def file_docs(ctx: FileContext) -> FileDocs:
    return ctx.memo("protheus_doc", lambda: _read_docs(ctx))


def _read_docs(ctx: FileContext) -> FileDocs:
    blocks = []
    for match in _BLOCK.finditer(ctx.data):
        words = match.group(1).decode("cp1252", "replace").split()
        while len(words) > 1 and words[0].lower() in _KIND_WORDS:
            words.pop(0)
        name = words[0] if words else ""
        blocks.append(DocBlock(match.start(), match.end(), name, doc_key(name) if name else ""))
    return FileDocs(blocks, [b.end for b in blocks], frozenset(b.key for b in blocks if b.key))


def is_documented(ctx: FileContext, start: int, name: str) -> bool:
    """A block right before the definition starting at `start`, or one naming it."""
    docs = file_docs(ctx)
    if not docs.blocks:
        return False
    if doc_key(name) in docs.keys:
        return True
    i = bisect.bisect_right(docs.ends, start) - 1
    if i < 0:
        return False
    gap = _GAP.fullmatch(ctx.data, docs.blocks[i].end, start)
    return gap is not None
