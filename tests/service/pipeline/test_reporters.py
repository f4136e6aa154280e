"""Commit statuses posted to a forge API, played by a real HTTP server on loopback."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from service_helpers import commit, drain, git, make_tenant, new_clone

from protheus_ci.config import Settings
from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.create import runs_for_push
from protheus_ci.pipeline.reporters import BUILDERS
from protheus_ci.pipeline.reporters.base import StatusRequest, send
from protheus_ci.web.services import Services

FAST = Settings(status_retries=3, status_backoff_seconds=0.01, status_timeout_seconds=2)


class FakeForge(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.received: list[dict[str, Any]] = []
        self.answers: list[int] = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_port}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeForge

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append({"path": self.path, "headers": dict(self.headers), "json": json.loads(body)})
        status = self.server.answers.pop(0) if self.server.answers else 201
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_forge() -> Iterator[FakeForge]:
    server = FakeForge()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_github_mirror_gets_pending_then_success(svc: Services, fake_forge: FakeForge, tmp_path: Path) -> None:
    work = new_clone(tmp_path / "work")
    sha = commit(work, "A.prw", "Return\n")
    upstream = tmp_path / "upstream.git"
    git(tmp_path, "init", "--quiet", "--bare", str(upstream))
    git(work, "push", "--quiet", str(upstream), "main")
    settings = {
        "forge": "github",
        "remote_url": str(upstream),
        "webhook_secret": "s",
        "remote_password": "ghp_token",
        "forge_api_url": fake_forge.url,
        "forge_project": "acme/erp",
    }
    make_tenant(svc, "acme", ("erp", settings))
    with svc.database.sessions.begin() as session:
        [run_id] = runs_for_push(
            session.connection(),
            session.query(Repository).one(),
            [("0" * 40, sha, "refs/heads/main")],
            "webhook",
            False,
        )
    svc.queue.enqueue_run(run_id)
    drain(svc)

    assert [item["json"]["state"] for item in fake_forge.received] == ["pending", "success"]
    first = fake_forge.received[0]
    assert first["path"] == f"/repos/acme/erp/statuses/{sha}"
    assert first["headers"]["Authorization"] == "Bearer ghp_token"
    assert first["json"]["context"] == "protheus-ci"
    assert first["json"]["target_url"].endswith(f"/runs/{run_id}")


def test_server_errors_are_retried_with_backoff(fake_forge: FakeForge) -> None:
    fake_forge.answers = [500, 503]
    assert send(StatusRequest(fake_forge.url + "/status", {"state": "success"}, {}), FAST)
    assert len(fake_forge.received) == 3


def test_a_refused_status_is_not_retried(fake_forge: FakeForge) -> None:
    fake_forge.answers = [422]
    assert not send(StatusRequest(fake_forge.url + "/status", {"state": "bogus"}, {}), FAST)
    assert len(fake_forge.received) == 1


def test_a_forge_that_is_down_costs_a_warning_not_an_exception(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    request = StatusRequest(f"http://127.0.0.1:{closed_port}/status", {}, {"Authorization": "Bearer secret-token"})
    assert not send(request, FAST)
    assert "attempt 3/3" in caplog.text
    assert "secret-token" not in caplog.text


@pytest.mark.parametrize(
    ("forge", "project", "path", "state"),
    [
        ("github", "acme/erp", "/repos/acme/erp/statuses/{sha}", "failure"),
        ("gitlab", "acme/erp", "/projects/acme%2Ferp/statuses/{sha}", "failed"),
        ("gitea", "acme/erp", "/repos/acme/erp/statuses/{sha}", "failure"),
        ("bitbucket", "acme/erp", "/repositories/acme/erp/commit/{sha}/statuses/build", "FAILED"),
        ("azure", "acme/proj/erp", "/acme/proj/_apis/git/repositories/erp/commits/{sha}/statuses", "failed"),
    ],
)
def test_each_forge_gets_its_own_request_shape(forge: str, project: str, path: str, state: str) -> None:
    sha = "c" * 40
    repository = Repository(forge=forge, forge_project=project, forge_api_url="http://forge/api", remote_password="t")
    run = Run(id=7, commit_sha=sha, ref="refs/heads/main", state="failed")
    request = BUILDERS[forge](repository, run, "http://ci/runs/7")
    assert request.url.split("?")[0] == "http://forge/api" + path.format(sha=sha)
    assert state in json.dumps(request.json)
    assert "SeCrEt-9" not in repr(request)  # credentials never show in a repr (and so in logs)
