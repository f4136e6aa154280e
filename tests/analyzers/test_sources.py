"""Reading sources: bytes kept as they are, text decoded for people."""

from __future__ import annotations

from pathlib import Path

import pytest

from protheus_ci.analyzers.sources import LineEnding, count_lines, decode_for_display, read_source


def test_cp1252_is_decoded_and_undefined_bytes_are_kept() -> None:
    data = "Atenção: Revisão".encode("cp1252") + b" \x81\x8d\x8f\x90\x9d"
    text = decode_for_display(data)
    assert text.startswith("Atenção: Revisão")
    assert [ord(c) for c in text[-5:]] == [0x81, 0x8D, 0x8F, 0x90, 0x9D]


def test_valid_utf8_is_decoded_as_utf8() -> None:
    assert decode_for_display("Atenção".encode()) == "Atenção"


def test_every_byte_value_decodes() -> None:
    assert len(decode_for_display(bytes(range(256)))) == 256


@pytest.mark.parametrize(
    ("data", "ending", "lines"),
    [
        (b"a\r\nb\r\n", LineEnding.CRLF, 2),
        (b"a\nb", LineEnding.LF, 2),
        (b"a\rb\r", LineEnding.CR, 2),
        (b"a\r\nb\nc", LineEnding.MIXED, 3),
        (b"abc", LineEnding.NONE, 1),
        (b"", LineEnding.NONE, 0),
    ],
)
def test_line_endings_and_counts(tmp_path: Path, data: bytes, ending: LineEnding, lines: int) -> None:
    path = tmp_path / "x.prw"
    path.write_bytes(data)
    source = read_source(path)
    assert source.line_ending is ending
    assert source.lines == lines == count_lines(data)


def test_compressed_header_and_encodings(tmp_path: Path, sources_dir: Path) -> None:
    zipped = tmp_path / "std.ch"
    zipped.write_bytes(b"#zip\x00\x01\x02binary")
    assert read_source(zipped).is_compressed_header
    assert read_source(sources_dir / "xyza010.prw").encoding == "cp1252"
    assert read_source(sources_dir / "ordem_service.tlpp").encoding == "utf-8"
    assert read_source(sources_dir / "xyz.ch").encoding == "ascii"
