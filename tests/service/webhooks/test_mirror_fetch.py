"""A mirror fetched over HTTP from a forge that needs credentials. The "forge" is this
service itself on loopback, serving another tenant's hosted repository."""

from __future__ import annotations

import uuid
from pathlib import Path

from flask.testing import FlaskClient
from forge_deliveries import ZERO, GitHub, encode
from service_helpers import commit, drain, git, make_tenant, new_clone
from sqlalchemy import select

from protheus_ci.db.models import LogLine, Run
from protheus_ci.gitstore.bare import kept_revisions, repository_path
from protheus_ci.web.services import Services

SECRET = "hook-secret"


def test_the_worker_fetches_with_the_repository_credentials_and_never_logs_them(
    live_server: str, client: FlaskClient, svc: Services, tmp_path: Path
) -> None:
    forge = make_tenant(svc, "forge", ("upstream", {"forge": "hosted"}))
    work = new_clone(tmp_path / "work")
    sha = commit(work, "src/A.prw", "User Function A()\nReturn\n")
    upstream_url = f"{live_server}/git/forge/upstream.git"
    git(work, "push", "--quiet", upstream_url.replace("http://", f"http://x:{forge.token}@"), "main")
    drain(svc)  # the upstream's own run

    mirror_settings = {
        "forge": "github",
        "remote_url": upstream_url,
        "remote_username": "x",
        "remote_password": forge.reviewer_token,
        "webhook_secret": SECRET,
    }
    make_tenant(svc, "acme", ("mirror", mirror_settings))
    github = GitHub()
    delivery = str(uuid.uuid4())
    body = encode(github, github.push("refs/heads/main", ZERO, sha), delivery)
    response = client.post("/webhooks/acme/mirror", data=body, headers=github.headers(SECRET, body, delivery))
    [run_id] = response.get_json()["runs"]
    drain(svc)

    with svc.database.session() as session:
        assert session.get_one(Run, run_id).state == "success"
        log = "\n".join(session.scalars(select(LogLine.text).where(LogLine.run_id == run_id)))
    assert "fetching refs/heads/main from the github remote" in log
    assert forge.reviewer_token not in log
    assert sha in kept_revisions("git", repository_path(svc.settings.repositories_dir, "acme", "mirror"))


def test_a_refused_fetch_is_an_error_and_says_so(
    live_server: str, client: FlaskClient, svc: Services, tmp_path: Path
) -> None:
    make_tenant(svc, "forge", ("upstream", {"forge": "hosted"}))
    settings = {
        "forge": "github",
        "remote_url": f"{live_server}/git/forge/upstream.git",
        "remote_password": "pci_wrong-token-for-this-forge",
        "webhook_secret": SECRET,
    }
    make_tenant(svc, "acme", ("mirror", settings))
    github = GitHub()
    delivery = str(uuid.uuid4())
    body = encode(github, github.push("refs/heads/main", ZERO, "a" * 40), delivery)
    [run_id] = client.post(
        "/webhooks/acme/mirror", data=body, headers=github.headers(SECRET, body, delivery)
    ).get_json()["runs"]
    drain(svc)
    with svc.database.session() as session:
        run = session.get_one(Run, run_id)
        assert (run.state, run.stages[0].state) == ("error", "error")
        log = "\n".join(session.scalars(select(LogLine.text).where(LogLine.run_id == run_id)))
    assert "cannot fetch the commit" in log
    assert "pci_wrong-token-for-this-forge" not in log
