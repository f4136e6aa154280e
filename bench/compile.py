"""Compile and publish benchmark for the builtin backend.

    python bench/compile.py [--corpus DIR]... [--include DIR]... [--sources 5000]

1. Throughput: every development-set folder given with ``--corpus`` (exported outside the
   project, see shared docs/corpus.md), compiled cold with the builtin backend against
   ``--include`` (the TOTVS include folder) plus the corpus's own header folders.
2. Incremental: a generated repository of ``--sources`` files (our own shapes: a local
   header with #xcommand/#translate rules, user functions, classes) compiled and packaged
   once, then one file changed and compiled + packaged again. Bar: under 1 s. The figure
   is also given as a ratio to the cold build measured in the same run.
3. Publishing that package to a builtin target. Bar: under 200 ms; the ratio is against
   copying the package file with fsync in the same run (the floor of any atomic install).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from protheus_ci.artifacts import BuildInfo, build_package, service_key
from protheus_ci.compiler_bridge.builtin.backend import BuiltinBackend
from protheus_ci.compiler_bridge.builtin.cache import CompileCache
from protheus_ci.compiler_bridge.types import CompileRequest
from protheus_ci.environments import EnvironmentKind, create_environment, publish

SOURCE_SUFFIXES = {".prw", ".prx", ".tlpp", ".apw", ".aph", ".apl"}
HEADER_SUFFIXES = {".ch", ".th"}

HEADER = """\
#ifndef _BENCH_CH
#define _BENCH_CH
#define LIMITE 100
#xtranslate bSETGET(<uVar>) => { | u | If( PCount() == 0, <uVar>, <uVar> := u ) }
#xcommand DEFAULT <v1> := <x1> [, <vn> := <xn> ] => ;
    <v1> := If( <v1> == nil, <x1>, <v1> ) ; [ <vn> := If( <vn> == nil, <xn>, <vn> ); ]
#xcommand User Function <cNome> => Function U_<cNome>
#endif
"""

SOURCE = """\
#include "bench.ch"
/*/ Rotina {n} do faturamento /*/
User Function BEN{n:05d}(cPar, nVal)
    Local nTot := 0
    Local bGet := bSETGET(nTot)
    DEFAULT cPar := "A", nVal := LIMITE
    While nTot < nVal
        nTot += 1
    EndDo
    If cPar == "A"
        nTot := nTot * 2 // comentário
    EndIf
Return nTot

Static Function Aux{n:05d}()
Return .T.
"""


def _timed(action: object) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()  # type: ignore[operator]
    return time.perf_counter() - start, value


def corpus_throughput(folders: list[Path], includes: list[Path]) -> None:
    for folder in folders:
        sources = sorted(
            p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES
        )
        headers = sorted({p.parent for p in folder.rglob("*") if p.suffix.lower() in HEADER_SUFFIXES})
        request = CompileRequest(folder, sources, [*includes, *headers])
        seconds, result = _timed(lambda request=request: BuiltinBackend().compile(request))
        codes = Counter(d.code for d in result.diagnostics)  # type: ignore[attr-defined]
        print(
            f"corpus {folder.name}: {len(sources)} files in {seconds:.1f} s "
            f"= {len(sources) / seconds:.0f} files/s; "
            f"diagnostics {dict(codes.most_common(6))}"
        )


def incremental_and_publish(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-compile-") as folder:
        work = Path(folder)
        root = work / "repo"
        (root / "include").mkdir(parents=True)
        (root / "include" / "bench.ch").write_text(HEADER, encoding="cp1252")
        names = [f"src/ben{n:05d}.prw" for n in range(count)]
        for n, name in enumerate(names):
            path = root / name
            path.parent.mkdir(exist_ok=True)
            path.write_text(SOURCE.format(n=n), encoding="cp1252")
        request = CompileRequest(root, names, [root / "include"])
        key = service_key(work / "data")
        info = BuildInfo("bench", "https://git.example/bench/erp", "c0ffee", 1)
        backend = BuiltinBackend(CompileCache(work / "cache"))

        def build(number: int) -> str:
            result = backend.compile(request)
            return build_package(result, replace(info, build_number=number), key, package)

        package = work / "build.zip"
        cold, _ = _timed(lambda: build(1))
        print(f"cold: {count} sources compiled + packaged in {cold:.2f} s ({count / cold:.0f} files/s)")
        timings = []
        for attempt in range(3):
            changed = root / names[(attempt + 1) * count // 4]
            changed.write_text(changed.read_text(encoding="cp1252").replace("nTot * 2", "nTot * 3"), "cp1252")
            seconds, _ = _timed(lambda attempt=attempt: build(2 + attempt))
            timings.append(seconds)
        warm = sorted(timings)[1]
        print(
            f"incremental: 1 changed of {count}, compiled ({backend.compiled_last} recompiled) + packaged "
            f"in {warm * 1000:.0f} ms (median of 3) = {warm / cold:.3f} x cold  [bar: < 1000 ms]"
        )

        data = work / "data"
        store = create_environment(data, "bench", "tst", EnvironmentKind.TEST)
        trusted = [key.trusted]
        copy_target = work / "copy.zip"

        def copy_with_fsync() -> None:
            shutil.copyfile(package, copy_target)
            with open(copy_target, "rb") as handle:
                os.fsync(handle.fileno())

        floor, _ = _timed(copy_with_fsync)
        seconds, _ = _timed(lambda: publish(store, package, trusted))
        size = package.stat().st_size / 1e6
        print(
            f"publish: {size:.1f} MB package to a builtin target in {seconds * 1000:.0f} ms "
            f"= {seconds / floor:.1f} x a plain fsynced copy  [bar: < 200 ms]"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", action="append", type=Path, default=[])
    parser.add_argument("--include", action="append", type=Path, default=[])
    parser.add_argument("--sources", type=int, default=5000)
    args = parser.parse_args()
    corpus_throughput(args.corpus, args.include)
    incremental_and_publish(args.sources)


if __name__ == "__main__":
    main()
