"""Webhook ingestion benchmark: a Python load generator on loopback against the embedded
default (SQLite + SQLite queue) under gunicorn, and against a no-op endpoint of the same
server in the same run.

    python bench/webhooks.py [--count 4000] [--rounds 3] [--concurrency 8] [--seconds 60]
    python bench/webhooks.py --postgres-url postgresql+psycopg://postgres@127.0.0.1/test \
        --redis-url redis://127.0.0.1:6379/0        # the scaled-out backends

Prints accepted deliveries per second, latency percentiles, the cost relative to the
no-op endpoint (as throughput, and as the server's own CPU time per request, which the
Python load generator sharing the two cores does not blur), and checks that nothing was lost: every accepted delivery has exactly one
run, and every repeated delivery found its de-duplication record. Bars (issue 4): at least
500 accepted/s, p99 under 50 ms, at most 3x the no-op cost, zero lost.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import hmac
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, request
from sqlalchemy import create_engine, func, select, text

from loopback import free_port, process_tree_cpu_seconds, wait_until_up
from protheus_ci.config import Settings
from protheus_ci.db.migrate import open_database
from protheus_ci.db.models import Delivery, Run
from protheus_ci.queue.tasks import build_huey
from protheus_ci.tenants.service import add_repository, add_tenant
from protheus_ci.web.app import create_app

SECRET = "bench-secret"
NOOP_PATH = "/bench/noop"
# One delivery in this many is sent a second time, to exercise de-duplication under load.
REPEAT_EVERY = 10
# Deliveries of the warm-up round, left out of the figures.
WARM_UP = 300


def bench_app() -> Flask:
    """The production app plus one no-op POST endpoint that only reads the body."""
    app = create_app()

    def noop() -> tuple[str, int]:
        request.get_data()
        return "", 202

    app.add_url_rule(NOOP_PATH, "bench_noop", noop, methods=["POST"])
    return app


def _deliveries(count: int, rounds: int, warm_up: int) -> list[list[tuple[bytes, dict[str, str]]]]:
    """Signed GitHub push deliveries: ``warm_up`` distinct ones, then ``count`` per round
    (each with its repeats), all distinct, built before the clock starts."""
    starts = [0, *range(warm_up, warm_up + count * rounds, count)]
    sizes = [warm_up] + [count] * rounds
    return [_round_of_deliveries(range(start, start + size)) for start, size in zip(starts, sizes, strict=True)]


def _round_of_deliveries(numbers: range) -> list[tuple[bytes, dict[str, str]]]:
    built = []
    for number in numbers:
        body = json.dumps(
            {
                "ref": f"refs/heads/branch-{number}",
                "before": "0" * 40,
                "after": hashlib.sha1(str(number).encode()).hexdigest(),
                "repository": {"full_name": "acme/erp"},
                "pusher": {"name": "bench"},
            }
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "X-GitHub-Event": "push",
            "X-GitHub-Delivery": str(uuid.uuid4()),
            "X-Hub-Signature-256": "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest(),
        }
        built.append((body, headers))
        if number % REPEAT_EVERY == 0:
            built.append((body, headers))
    return built


@dataclasses.dataclass(frozen=True)
class Phase:
    sent: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict[int, int]
    server_cpu_seconds: float

    @property
    def rate(self) -> float:
        return self.sent / self.seconds

    @property
    def server_cpu_per_request(self) -> float:
        return self.server_cpu_seconds / self.sent

    def describe(self) -> str:
        latency = f"p50 {self.p50_ms:.1f} ms, p99 {self.p99_ms:.1f} ms"
        cpu = f"server CPU {1e6 * self.server_cpu_per_request:.0f} us/request"
        return f"{self.rate:.0f} req/s, {latency}, {cpu}, statuses {self.statuses}"


def _load(
    server_pid: int, url: str, requests: list[tuple[bytes, dict[str, str]]], concurrency: int, seconds: float
) -> Phase:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    cursor = iter(requests)
    deadline = time.monotonic() + seconds

    target = urlsplit(url)

    def worker() -> None:
        # http.client with keep-alive: the lightest Python client, so that the load
        # generator, which shares the machine's two cores, takes as little as it can.
        connection = http.client.HTTPConnection(target.hostname or "", target.port, timeout=30)
        try:
            while time.monotonic() < deadline:
                with lock:
                    item = next(cursor, None)
                if item is None:
                    return
                start = time.perf_counter()
                connection.request("POST", target.path, body=item[0], headers=item[1])
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status] = statuses.get(response.status, 0) + 1
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    cpu_before = process_tree_cpu_seconds(server_pid)
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    server_cpu = process_tree_cpu_seconds(server_pid) - cpu_before
    latencies.sort()
    return Phase(
        sent=len(latencies),
        seconds=wall,
        p50_ms=1000 * statistics.median(latencies),
        p99_ms=1000 * latencies[int(0.99 * (len(latencies) - 1))],
        statuses=statuses,
        server_cpu_seconds=server_cpu,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=4000, help="distinct deliveries per round (plus 10%% repeats)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="no-op then webhook phases, alternated; the median round counts"
    )
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0, help="time bound of each phase")
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--web-threads", type=int, default=4)
    parser.add_argument(
        "--postgres-url",
        help="scaled-out variant: PostgreSQL (a fresh schema, dropped afterwards) instead of SQLite",
    )
    parser.add_argument("--redis-url", help="scaled-out variant: the Redis queue instead of SQLite's")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="pci-bench-"))
    backend = {"PROTHEUS_CI_DATA_DIR": str(data_dir)}
    with contextlib.ExitStack() as cleanup:
        if args.postgres_url:
            backend["PROTHEUS_CI_DATABASE_URL"] = cleanup.enter_context(_fresh_schema(args.postgres_url))
        if args.redis_url:
            backend["PROTHEUS_CI_REDIS_URL"] = args.redis_url
            backend["PROTHEUS_CI_QUEUE_NAME"] = f"pci-bench-{uuid.uuid4().hex[:12]}"
        return _bench(args, backend)


@contextlib.contextmanager
def _fresh_schema(url: str) -> Iterator[str]:
    schema = f"pci_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _bench(args: argparse.Namespace, backend: dict[str, str]) -> int:
    settings = Settings.load(backend)
    database = open_database(settings)
    with database.sessions.begin() as session:
        add_tenant(session, "acme")
        add_repository(
            session,
            "acme",
            "erp",
            "github",
            remote_url="https://example.invalid/x.git",
            webhook_secret=SECRET,
        )
    port = free_port()
    environ = {
        **os.environ,
        **backend,
        "PROTHEUS_CI_MIGRATE_ON_START": "false",
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path]),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.web_workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.web_threads),
            "--log-level",
            "warning",
            "webhooks:bench_app()",
        ],
        env=environ,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        rounds = []
        # A first, shorter round warms both paths up (imports, connections, caches) and
        # is left out of the figures; then no-op and webhook phases alternate, so that
        # the machine's noise falls on both sides of each ratio.
        for requests in _deliveries(args.count, args.rounds, warm_up=min(WARM_UP, args.count)):
            noop = _load(server.pid, base + NOOP_PATH, requests, args.concurrency, args.seconds)
            hooks = _load(server.pid, base + "/webhooks/acme/erp", requests, args.concurrency, args.seconds)
            rounds.append((noop, hooks))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    with database.session() as session:
        runs = session.scalar(select(func.count(Run.id))) or 0
        accepted = session.scalar(select(func.count(Delivery.id)).where(Delivery.outcome == "accepted")) or 0
        with_run = session.scalar(select(func.count(Delivery.id)).where(Delivery.run_id.is_not(None))) or 0
    database.dispose()
    # Nothing runs the queued runs; leave no messages behind in a shared Redis.
    build_huey(settings).flush()
    new = sum(hooks.statuses.get(202, 0) for _, hooks in rounds)
    repeated = sum(hooks.statuses.get(200, 0) for _, hooks in rounds)
    rounds = rounds[1:]
    lost = (new - accepted) + (accepted - runs) + (accepted - with_run)
    print(f"machine: {os.cpu_count()} cores; concurrency {args.concurrency}; {rounds[0][1].sent} requests per phase")
    for number, (noop, hooks) in enumerate(rounds, 1):
        print(f"round {number}")
        print(f"  no-op endpoint : {noop.describe()}")
        print(f"  webhook        : {hooks.describe()}")
        print(
            f"  cost vs no-op  : {_throughput_ratio(noop, hooks):.2f}x in throughput, {_cpu_ratio(noop, hooks):.2f}x in server CPU"
        )
    middle = sorted(rounds, key=lambda pair: _cpu_ratio(*pair))[len(rounds) // 2]
    print(
        f"median round: webhook {middle[1].rate:.0f} deliveries answered/s, p99 {middle[1].p99_ms:.1f} ms; "
        f"cost vs no-op {_throughput_ratio(*middle):.2f}x in throughput, {_cpu_ratio(*middle):.2f}x in server CPU"
    )
    print(f"lost: {lost} (202={new}, accepted rows={accepted}, runs={runs}, duplicates answered 200={repeated})")
    return 0 if lost == 0 else 1


def _throughput_ratio(noop: Phase, hooks: Phase) -> float:
    return noop.rate / hooks.rate


def _cpu_ratio(noop: Phase, hooks: Phase) -> float:
    return hooks.server_cpu_per_request / noop.server_cpu_per_request


if __name__ == "__main__":
    sys.exit(main())
