"""Reading Protheus sources: bytes as they are, text for people.

The parser reads the raw bytes, so positions are exact whatever the encoding.
Text shown to users is UTF-8 when the file is valid UTF-8, and CP1252 otherwise
(the encoding the TOTVS compilers require), keeping the five bytes CP1252 leaves
undefined as the matching C1 control characters so nothing is ever lost.
"""

from __future__ import annotations

import bisect
import codecs
import enum
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

#: TOTVS ships some standard headers compressed; they start with this marker.
COMPRESSED_HEADER_MARKER = b"#zip"


class LineEnding(enum.StrEnum):
    CRLF = "crlf"
    LF = "lf"
    CR = "cr"
    MIXED = "mixed"
    NONE = "none"


def _cp1252_table() -> str:
    # 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no CP1252 character: each maps to the
    # code point of the same value, as in latin-1, so decoding never fails and
    # encoding gives the same bytes back.
    table = []
    for byte in range(256):
        try:
            table.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            table.append(chr(byte))
    return "".join(table)


_CP1252_DECODING = _cp1252_table()
_CP1252_ENCODING = codecs.charmap_build(_CP1252_DECODING)


def decode_cp1252(data: bytes) -> str:
    """CP1252 that never fails on a byte."""
    return codecs.charmap_decode(data, "strict", _CP1252_DECODING)[0]


def encode_cp1252(text: str) -> bytes:
    """The inverse of :func:`decode_cp1252`; characters CP1252 lacks become `?`."""
    return codecs.charmap_encode(text, "replace", _CP1252_ENCODING)[0]


def decode_for_display(data: bytes) -> str:
    """Decode source bytes for people: UTF-8 if valid, else CP1252 keeping every byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_cp1252(data)


def readable_path(name: str) -> str:
    """A file name for people, reports and databases. The file system hands names as
    the bytes committed, often CP1252 from Windows, which Python keeps as surrogates
    that cannot be written as UTF-8: they are decoded like source text instead.
    A name that is valid UTF-8 comes back unchanged."""
    return decode_for_display(os.fsencode(name))


def detect_encoding(data: bytes) -> str:
    """`ascii`, `utf-8` or `cp1252`: what :func:`decode_for_display` will use."""
    if data.isascii():
        return "ascii"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def detect_line_ending(data: bytes) -> LineEnding:
    crlf = data.count(b"\r\n")
    lf = data.count(b"\n") - crlf
    cr = data.count(b"\r") - crlf
    kinds = [kind for kind, count in ((LineEnding.CRLF, crlf), (LineEnding.LF, lf), (LineEnding.CR, cr)) if count]
    if not kinds:
        return LineEnding.NONE
    return kinds[0] if len(kinds) == 1 else LineEnding.MIXED


def count_lines(data: bytes) -> int:
    """Lines as an editor counts them: CRLF, LF and lone CR each end one."""
    if not data:
        return 0
    breaks = data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")
    return breaks + (0 if data.endswith((b"\n", b"\r")) else 1)


_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


class LineIndex:
    """Maps byte offsets to 1-based lines and character columns.

    tree-sitter counts only LF as a line break, so its rows are wrong for the
    CR-only files old editors left behind; every position shown to users goes
    through this index instead, which breaks lines at CRLF, LF and lone CR, and
    counts columns in characters of the decoded line.
    """

    __slots__ = ("_data", "_starts")

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(data)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._starts, offset)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both 1-based, for a byte offset."""
        line = self.line_of(offset)
        start = self._starts[line - 1]
        return line, len(decode_for_display(self._data[start:offset])) + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._data)
        return decode_for_display(self._data[start:end]).rstrip("\r\n")


@dataclass(frozen=True)
class SourceText:
    """One source file's bytes and what we know about them without parsing."""

    path: Path
    data: bytes

    @property
    def is_compressed_header(self) -> bool:
        return self.data.startswith(COMPRESSED_HEADER_MARKER)

    @property
    def encoding(self) -> str:
        return detect_encoding(self.data)

    @property
    def line_ending(self) -> LineEnding:
        return detect_line_ending(self.data)

    @property
    def lines(self) -> int:
        return count_lines(self.data)

    def text(self) -> str:
        return decode_for_display(self.data)

    @cached_property
    def line_index(self) -> LineIndex:
        return LineIndex(self.data)


def read_source(path: Path) -> SourceText:
    """Read a source file's bytes. Raises OSError for unreadable paths."""
    return SourceText(path=path, data=path.read_bytes())
