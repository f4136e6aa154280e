"""Analysis speed against raw parsing, all in one run.

    python bench/analyze.py FOLDER [FOLDER...]

Copies the folders to a scratch directory, then measures:
  raw parse     tree-sitter alone on bytes in memory (the floor);
  cold          a full analysis with every rule and an empty cache;
  warm          the same analysis again, everything cached;
  one changed   the analysis after one file changed;
  jobs          a cold analysis with --jobs 1 against --jobs 2.
and checks them against the bars: cold <= 3x raw, warm <= 10% of cold, one
changed file < 1 s, jobs 2 >= 1.6x faster than jobs 1.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tree_sitter import Parser

from protheus_ci.analyzers.analysis import run_analysis
from protheus_ci.analyzers.catalog import load_catalog
from protheus_ci.analyzers.config import AnalyzerConfig
from protheus_ci.analyzers.discovery import discover
from protheus_ci.analyzers.language import language


def timed(action: object) -> float:
    assert callable(action)
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def change_and_time(path: Path, analyze: Callable[[str | None], None]) -> float:
    path.write_bytes(path.read_bytes() + b"\r\nStatic Function xyzBench()\r\nReturn\r\n")
    return timed(lambda: analyze("cache"))


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("folders", nargs="+", type=Path)
    args = cli.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="protheus-ci-bench-"))
    try:
        project = scratch / "project"
        for folder in args.folders:
            shutil.copytree(folder, project / folder.name)
        paths, _ = discover([project])
        blobs = [p.read_bytes() for p in paths]
        size = sum(map(len, blobs))
        every_rule = AnalyzerConfig(extend_select=tuple(sorted(load_catalog().codes)))
        parser = Parser(language())

        def analyze(cache: str | None, jobs: int = 1) -> None:
            run_analysis([project], every_rule, root=project, jobs=jobs, cache_dir=scratch / cache if cache else None)

        raw = timed(lambda: [parser.parse(b) for b in blobs])
        cold = timed(lambda: analyze("cache"))
        warm = timed(lambda: analyze("cache"))
        # A file of the median size stands for "one changed file"; the largest is
        # the worst case, reported beside it.
        by_size = sorted(paths, key=lambda p: p.stat().st_size)
        one, largest = (change_and_time(by_size[i], analyze) for i in (len(by_size) // 2, -1))
        jobs1 = timed(lambda: analyze(None, 1))
        jobs2 = timed(lambda: analyze(None, 2))

        print(f"{len(paths)} files, {size / 1e6:.1f} MB, {len(load_catalog().codes)} rules")
        rows = [
            ("raw parse", raw, ""),
            ("cold analysis", cold, f"{cold / raw:.2f}x raw (bar <= 3x)"),
            ("warm re-run", warm, f"{100 * warm / cold:.1f}% of cold (bar <= 10%)"),
            ("one file changed", one, "median-size file; bar < 1 s"),
            ("largest changed", largest, f"{by_size[-1].stat().st_size // 1024} KB file, the worst case"),
            ("cold --jobs 1", jobs1, ""),
            ("cold --jobs 2", jobs2, f"{jobs1 / jobs2:.2f}x faster (bar >= 1.6x)"),
        ]
        for name, seconds, note in rows:
            print(f"{name:18s} {seconds:8.2f} s  {note}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
