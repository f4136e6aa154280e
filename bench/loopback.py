"""What the service benchmarks share: a free port on loopback, and waiting for a
server started there to answer."""

from __future__ import annotations

import socket
import time

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
