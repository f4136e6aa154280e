"""``protheus-ci serve`` as a customer would start it: one command, embedded defaults,
gunicorn and a worker; a real push over HTTP ends in a finished run."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from service_helpers import commit, git, new_clone

from protheus_ci.config import Settings
from protheus_ci.db.migrate import open_database
from protheus_ci.tenants.roles import Role
from protheus_ci.tenants.service import add_repository, add_tenant, create_token

STARTUP_SECONDS = 30
RUN_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(base URL, developer token) of a ``serve`` process on a fresh data folder."""
    data_dir = tmp_path / "data"
    settings = Settings.load({"PROTHEUS_CI_DATA_DIR": str(data_dir)})
    database = open_database(settings)
    with database.sessions.begin() as session:
        add_tenant(session, "acme")
        add_repository(session, "acme", "erp")
        _, token = create_token(session, "acme", Role.DEVELOPER)
    database.dispose()
    port = free_port()
    environ = {**os.environ, "PROTHEUS_CI_DATA_DIR": str(data_dir), "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from protheus_ci.cli.serve import serve_command; serve_command()",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # so teardown reaches gunicorn too
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("serve did not answer /healthz in time")
        yield base, token
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_serve_runs_a_pushed_commit_to_the_end(served: tuple[str, str], tmp_path: Path) -> None:
    base, token = served
    work = new_clone(tmp_path / "work")
    sha = commit(work, "src/A.prw", "User Function A()\nReturn\n")
    git(work, "push", "--quiet", base.replace("http://", f"http://x:{token}@") + "/git/acme/erp.git", "main")
    auth = {"Authorization": f"Bearer {token}"}
    deadline = time.monotonic() + RUN_SECONDS
    while time.monotonic() < deadline:
        [run] = httpx.get(base + "/api/v1/tenants/acme/repositories/erp/runs", headers=auth).json()["runs"]
        if run["state"] not in ("queued", "running"):
            break
        time.sleep(0.2)
    assert (run["commit"], run["state"]) == (sha, "success")
