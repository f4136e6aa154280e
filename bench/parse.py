"""Parse speed: `protheus-ci parse` against raw tree-sitter, in one process.

    python bench/parse.py FOLDER [FOLDER...] [--repeat N]

Prints MB/s and lines/s for:
  raw   -- tree-sitter alone, on bytes already in memory (the floor);
  parse -- what `protheus-ci parse` does: find files, read them, parse, collect
           syntax problems and statistics.
and the ratio between the two, which is what we track (this machine is noisy,
so absolute figures vary run to run; the ratio measured in one run does not).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tree_sitter import Parser

from protheus_ci.analyzers.discovery import discover
from protheus_ci.analyzers.language import language
from protheus_ci.analyzers.parse_run import run_parse
from protheus_ci.analyzers.sources import count_lines


def best_of(repeat: int, action: object) -> float:
    assert callable(action)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("folders", nargs="+", type=Path)
    cli.add_argument("--repeat", type=int, default=3)
    args = cli.parse_args()

    paths, _ = discover(args.folders)
    blobs = [p.read_bytes() for p in paths]
    blobs = [b for b in blobs if not b.startswith(b"#zip")]
    size = sum(map(len, blobs))
    lines = sum(map(count_lines, blobs))
    parser = Parser(language())

    def raw() -> None:
        for blob in blobs:
            parser.parse(blob)

    raw_s = best_of(args.repeat, raw)
    full_s = best_of(args.repeat, lambda: run_parse(args.folders))
    print(f"files: {len(blobs)}  bytes: {size}  lines: {lines}  (best of {args.repeat})")
    for name, seconds in (("raw tree-sitter", raw_s), ("protheus-ci parse", full_s)):
        print(f"{name:18s} {seconds:7.3f} s  {size / seconds / 1e6:7.2f} MB/s  {lines / seconds:12,.0f} lines/s")
    print(f"ratio parse/raw: {full_s / raw_s:.2f}x")
    per_file = [len(b) for b in blobs]
    print(f"median file: {statistics.median(per_file):.0f} bytes")


if __name__ == "__main__":
    main()
