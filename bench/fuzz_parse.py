"""A longer mutation fuzzer for the parser than the test suite can afford.

    python bench/fuzz_parse.py FOLDER [--seconds 300] [--seed N]

Takes every source below FOLDER, deletes, duplicates, flips and inserts random
bytes, and parses the result. A crash kills the process; a parse that takes
longer than --hang seconds dumps a traceback and exits non-zero. Prints how many
inputs it tried and the slowest parse.
"""

from __future__ import annotations

import argparse
import faulthandler
import random
import sys
import time
from pathlib import Path

from protheus_ci.analyzers import parse_bytes, syntax_problems
from protheus_ci.analyzers.discovery import discover

INTERESTING = [
    b";",
    b"\n",
    b"\r",
    b"(",
    b")",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"'",
    b"%",
    b"&",
    b"*",
    b"/*",
    b"*/",
    b"#",
    b"@",
]


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if not out:
            out.extend(rng.choice(INTERESTING))
            continue
        at = rng.randrange(len(out))
        match rng.randrange(4):
            case 0:
                del out[at : at + rng.randint(1, 8)]
            case 1:
                out[at] = rng.randrange(256)
            case 2:
                out[at:at] = rng.choice(INTERESTING)
            case _:
                end = min(len(out), at + rng.randint(1, 64))
                out[at:at] = out[at:end]
    return bytes(out)


def main() -> int:
    cli = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    cli.add_argument("folder", type=Path)
    cli.add_argument("--seconds", type=float, default=300)
    cli.add_argument("--hang", type=float, default=10)
    cli.add_argument("--seed", type=int, default=int(time.time()))
    args = cli.parse_args()
    rng = random.Random(args.seed)
    paths, _ = discover([args.folder])
    corpus = [p.read_bytes() for p in paths]
    if not corpus:
        print("no sources found", file=sys.stderr)
        return 2
    tried, slowest = 0, 0.0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        data = mutate(rng.choice(corpus), rng)
        faulthandler.dump_traceback_later(args.hang, exit=True)
        started = time.perf_counter()
        syntax_problems(parse_bytes(data), data)
        slowest = max(slowest, time.perf_counter() - started)
        faulthandler.cancel_dump_traceback_later()
        tried += 1
    print(f"seed {args.seed}: {tried} mutated inputs from {len(corpus)} files, no crash, no hang")
    print(f"slowest parse: {slowest:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
