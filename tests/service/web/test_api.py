"""The JSON API, the log downloads, the live event stream and the run page."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from service_helpers import TenantFixture, bearer, commit, drain, git, new_clone

from protheus_ci.db.models import Repository
from protheus_ci.gitstore.bare import ensure_bare, repository_path
from protheus_ci.pipeline.create import runs_for_push
from protheus_ci.web.services import Services


@pytest.fixture
def run_id(svc: Services, acme: TenantFixture, tmp_path: Path) -> int:
    """A queued run of acme/erp's main."""
    bare = ensure_bare("git", repository_path(svc.settings.repositories_dir, "acme", "erp"))
    work = new_clone(tmp_path / "work")
    sha = commit(work, "A.prw", "Return\n")
    git(work, "push", "--quiet", str(bare), "main")
    with svc.database.sessions.begin() as session:
        repository = session.query(Repository).filter_by(tenant_id=1).one()
        [created] = runs_for_push(session.connection(), repository, [("0" * 40, sha, "refs/heads/main")], "push", False)
    svc.queue.enqueue_run(created)
    return created


def test_tenant_repositories_and_runs(client: FlaskClient, acme: TenantFixture, run_id: int) -> None:
    auth = bearer(acme.token)
    assert client.get("/api/v1/tenants/acme", headers=auth).get_json()["slug"] == "acme"
    [repository] = client.get("/api/v1/tenants/acme/repositories", headers=auth).get_json()["repositories"]
    assert repository == {
        "name": "erp",
        "forge": "hosted",
        "git_url": "/git/acme/erp.git",
        "webhook_url": None,
        "created_at": repository["created_at"],
    }
    [run] = client.get("/api/v1/tenants/acme/repositories/erp/runs", headers=auth).get_json()["runs"]
    assert (run["id"], run["state"]) == (run_id, "queued")
    assert [stage["name"] for stage in run["stages"]] == [
        "version",
        "analyze",
        "compile",
        "package",
        "publish",
    ]


def test_no_token_is_401_and_a_bad_one_too(client: FlaskClient, acme: TenantFixture, run_id: int) -> None:
    assert client.get(f"/api/v1/runs/{run_id}").status_code == 401
    assert client.get(f"/api/v1/runs/{run_id}", headers=bearer("pci_" + "0" * 40)).status_code == 401
    assert client.get(f"/api/v1/runs/{run_id}", headers={"Authorization": "Basic !!"}).status_code == 401


def test_cancel_then_retry(svc: Services, client: FlaskClient, acme: TenantFixture, run_id: int) -> None:
    auth = bearer(acme.token)
    assert client.post(f"/api/v1/runs/{run_id}/retry", headers=auth).status_code == 409
    canceled = client.post(f"/api/v1/runs/{run_id}/cancel", headers=auth)
    assert (canceled.status_code, canceled.get_json()["state"]) == (200, "canceled")
    assert client.post(f"/api/v1/runs/{run_id}/cancel", headers=auth).status_code == 409
    retried = client.post(f"/api/v1/runs/{run_id}/retry", headers=auth)
    assert retried.status_code == 201
    assert retried.get_json()["retry_of"] == run_id
    drain(svc)
    new = client.get(f"/api/v1/runs/{retried.get_json()['id']}", headers=auth).get_json()
    assert new["state"] == "success"


def test_a_reviewer_reads_but_does_not_control_runs(client: FlaskClient, acme: TenantFixture, run_id: int) -> None:
    auth = bearer(acme.reviewer_token)
    assert client.get(f"/api/v1/runs/{run_id}", headers=auth).status_code == 200
    assert client.post(f"/api/v1/runs/{run_id}/cancel", headers=auth).status_code == 403


def test_logs_per_stage_archive_and_findings(
    svc: Services, client: FlaskClient, acme: TenantFixture, run_id: int
) -> None:
    drain(svc)
    auth = bearer(acme.token)
    version = client.get(f"/api/v1/runs/{run_id}/stages/version/log", headers=auth)
    assert version.mimetype == "text/plain"
    assert "checking out" in version.text
    assert client.get(f"/api/v1/runs/{run_id}/stages/nope/log", headers=auth).status_code == 404
    archive = client.get(f"/api/v1/runs/{run_id}/logs.tar.gz", headers=auth)
    assert archive.mimetype == "application/gzip"
    with tarfile.open(fileobj=io.BytesIO(archive.data)) as tar:
        names = tar.getnames()
        compile_log = tar.extractfile(f"run-{run_id}/03-compile.log")
        assert compile_log is not None
        assert b"compiling 1 source(s) with builtin" in compile_log.read()
    assert names == [
        f"run-{run_id}/01-version.log",
        f"run-{run_id}/02-analyze.log",
        f"run-{run_id}/03-compile.log",
        f"run-{run_id}/04-package.log",
        f"run-{run_id}/05-publish.log",
    ]
    findings = client.get(f"/api/v1/runs/{run_id}/findings", headers=auth).get_json()["findings"]
    # The pushed source has LF line endings; the analyzer says so, and nothing else.
    assert [(f["path"], f["code"]) for f in findings] == [("A.prw", "HYG002")]


def test_the_event_stream_replays_the_log_and_ends_with_the_run(
    svc: Services, client: FlaskClient, acme: TenantFixture, run_id: int
) -> None:
    drain(svc)
    response = client.get(f"/api/v1/runs/{run_id}/events", headers=bearer(acme.token))
    assert response.mimetype == "text/event-stream"
    events = [block for block in response.text.split("\n\n") if block]
    lines = [line for block in events for line in block.splitlines()]
    kinds = [line.removeprefix("event: ") for line in lines if line.startswith("event: ")]
    assert kinds[0] == "log"
    assert kinds[-2:] == ["state", "end"]
    assert '"state": "success"' in events[-1]
    # Resuming after the last line seen sends no line twice.
    last_id = max(int(line.removeprefix("id: ")) for line in lines if line.startswith("id: "))
    resumed = client.get(f"/api/v1/runs/{run_id}/events", headers={**bearer(acme.token), "Last-Event-ID": str(last_id)})
    assert "event: log" not in resumed.text


def test_the_run_page(client: FlaskClient, acme: TenantFixture, run_id: int) -> None:
    page = client.get(f"/runs/{run_id}", headers=bearer(acme.token))
    assert page.status_code == 200
    assert f"Run {run_id}" in page.text
    assert "EventSource" in page.text  # a queued run's page follows the live log
    assert f"/api/v1/runs/{run_id}/findings" in page.text


def test_the_openapi_document_lists_every_api_route(client: FlaskClient, app: Flask) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    routes = {
        rule.rule.replace("<int:run_id>", "{run_id}").replace("<", "{").replace(">", "}")
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api.openapi_document"
    }
    assert routes == set(document["paths"])
