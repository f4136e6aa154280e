"""Push-to-running benchmark: time from the start of ``git push`` to the start of the
run's first stage, on the embedded default started with ``protheus-ci serve``.

    python bench/push.py [--pushes 20]

Prints the median, p90 and maximum. Bar (issue 4): median under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from loopback import free_port, wait_until_up
from protheus_ci.config import Settings
from protheus_ci.db.migrate import open_database
from protheus_ci.tenants.roles import Role
from protheus_ci.tenants.service import add_repository, add_tenant, create_token

WAIT_SECONDS = 30.0


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _first_stage_start(base: str, token: str, run_count: int) -> dt.datetime:
    """Waits (bounded) for the newest run to have its first stage started."""
    deadline = time.monotonic() + WAIT_SECONDS
    auth = {"Authorization": f"Bearer {token}"}
    while time.monotonic() < deadline:
        runs = httpx.get(f"{base}/api/v1/tenants/acme/repositories/erp/runs", headers=auth).json()["runs"]
        if len(runs) == run_count and runs[0]["stages"][0]["started_at"]:
            return dt.datetime.fromisoformat(runs[0]["stages"][0]["started_at"])
        time.sleep(0.01)
    raise SystemExit("a run did not start in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pushes", type=int, default=20)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="pci-push-bench-"))
    settings = Settings.load({"PROTHEUS_CI_DATA_DIR": str(scratch / "data")})
    database = open_database(settings)
    with database.sessions.begin() as session:
        add_tenant(session, "acme")
        add_repository(session, "acme", "erp")
        _, token = create_token(session, "acme", Role.DEVELOPER)
    port = free_port()
    environ = {
        **os.environ,
        "PROTHEUS_CI_DATA_DIR": str(scratch / "data"),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from protheus_ci.cli.serve import serve_command; serve_command()",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=environ,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    work = scratch / "work"
    work.mkdir()
    _git(work, "init", "--quiet", "--initial-branch=main")
    _git(work, "config", "user.email", "bench@example.com")
    _git(work, "config", "user.name", "bench")
    remote = f"http://x:{token}@127.0.0.1:{port}/git/acme/erp.git"
    delays = []
    try:
        wait_until_up(base)
        for number in range(args.pushes):
            (work / "MATA010.prw").write_text(f"User Function Bench{number}()\nReturn {number}\n")
            _git(work, "add", "--all")
            _git(work, "commit", "--quiet", "-m", f"change {number}")
            pushed_at = dt.datetime.now(dt.UTC)
            _git(work, "push", "--quiet", remote, "main")
            started = _first_stage_start(base, token, number + 1)
            delays.append((started - pushed_at).total_seconds())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    delays.sort()
    print(f"machine: {os.cpu_count()} cores; {len(delays)} pushes, one at a time")
    print(
        f"git push -> first stage running: median {statistics.median(delays) * 1000:.0f} ms, "
        f"p90 {delays[int(0.9 * (len(delays) - 1))] * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
