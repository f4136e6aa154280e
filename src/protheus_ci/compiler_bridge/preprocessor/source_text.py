"""Turning source bytes into lines: any line ending, and ``#zip`` headers.

Decoding is :func:`protheus_ci.analyzers.sources.decode_cp1252`, shared with the
analyzers, so both read every byte the same way.
"""

from __future__ import annotations

import re
import struct
import zlib

ZIP_MAGIC = b"#zip"
_ZIP_HEADER = struct.Struct("<4sII")
_NEWLINE = re.compile(r"\r\n|\r|\n")


class CompressedHeaderError(ValueError):
    """A ``#zip`` header whose container is damaged or not the TOTVS shape."""


def is_compressed_header(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def expand_compressed_header(data: bytes) -> bytes:
    """Unpack a TOTVS compressed header: ``#zip``, two little-endian sizes, a zlib stream.

    The layout was read off the standard include folder (uncompressed size first, then
    compressed size); both sizes are checked so a damaged file is reported, not guessed at.
    """
    if len(data) < _ZIP_HEADER.size:
        raise CompressedHeaderError("truncated #zip header")
    _magic, plain_size, packed_size = _ZIP_HEADER.unpack_from(data)
    packed = data[_ZIP_HEADER.size :]
    if len(packed) != packed_size:
        raise CompressedHeaderError(f"#zip body is {len(packed)} bytes, header says {packed_size}")
    try:
        plain = zlib.decompress(packed)
    except zlib.error as exc:
        raise CompressedHeaderError(f"#zip body is not a zlib stream ({exc})") from exc
    if len(plain) != plain_size:
        raise CompressedHeaderError(f"#zip expands to {len(plain)} bytes, header says {plain_size}")
    # The packer stores a C string: drop the terminating NUL.
    return plain.rstrip(b"\x00")


def split_lines(text: str) -> list[str]:
    """Physical lines, whatever the line ending; a final newline adds no empty line."""
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
