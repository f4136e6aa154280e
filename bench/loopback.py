"""What the service benchmarks share: a free port on loopback, waiting for a server
started there to answer, and the CPU time a server's processes have used."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until_up(base: str, attempts: int = 150, pause: float = 0.2) -> None:
    """Poll `base`/healthz until the server answers (30 s by default)."""
    for _ in range(attempts):
        try:
            httpx.get(base + "/healthz")
            return
        except httpx.TransportError:
            time.sleep(pause)


def process_tree_cpu_seconds(pid: int) -> float:
    """User and system CPU time used so far by a process and its live descendants (Linux
    /proc): a server's own cost, apart from the load generator sharing the machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            # Fields after the parenthesised command name; utime and stime are 14 and 15.
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend(int(child) for child in (task / "children").read_text().split())
        except (FileNotFoundError, ProcessLookupError):
            continue  # it ended meanwhile
    return total
