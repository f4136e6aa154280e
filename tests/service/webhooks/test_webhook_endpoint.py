"""Deliveries from each forge through ``POST /webhooks/<tenant>/<repo>``, end to end:
verification, recording, de-duplication, then a worker fetching from the forge."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from forge_deliveries import FORGES, ZERO, Forge, encode
from service_helpers import commit, drain, git, make_tenant, new_clone
from sqlalchemy import func, select

from protheus_ci.db.models import Delivery, Run
from protheus_ci.gitstore.bare import kept_revisions, repository_path
from protheus_ci.web.services import Services

SECRET = "s3cr3t-shared-with-the-forge"
URL = "/webhooks/acme/erp"


@pytest.fixture(params=FORGES, ids=lambda forge: forge.name)
def forge(request: pytest.FixtureRequest) -> Forge:
    found: Forge = request.param
    return found


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[Path, str]:
    """The customer's repository on the forge (a local bare repository) and its head."""
    work = new_clone(tmp_path / "upstream-work")
    sha = commit(work, "src/A.prw", "User Function A()\nReturn\n")
    forge_repo = tmp_path / "forge" / "erp.git"
    git(tmp_path, "init", "--quiet", "--bare", str(forge_repo))
    git(work, "push", "--quiet", str(forge_repo), "main")
    return forge_repo, sha


@pytest.fixture
def mirrored(svc: Services, forge: Forge, upstream: tuple[Path, str]) -> str:
    make_tenant(svc, "acme", ("erp", {"forge": forge.name, "remote_url": str(upstream[0]), "webhook_secret": SECRET}))
    return upstream[1]


def post(client: FlaskClient, forge: Forge, payload: dict[str, object], delivery: str, **overrides: str):  # type: ignore[no-untyped-def]
    body = encode(forge, payload, delivery)
    headers = {**forge.headers(SECRET, body, delivery), **overrides}
    return client.post(URL, data=body, headers=headers, content_type="application/json")


def counts(svc: Services) -> tuple[int, int]:
    with svc.database.session() as session:
        return session.scalar(select(func.count(Run.id))) or 0, session.scalar(select(func.count(Delivery.id))) or 0


def test_a_push_is_recorded_and_queued_and_the_worker_fetches_it(
    client: FlaskClient, svc: Services, forge: Forge, mirrored: str
) -> None:
    delivery = str(uuid.uuid4())
    response = post(client, forge, forge.push("refs/heads/main", ZERO, mirrored), delivery)
    assert response.status_code == 202, response.get_json()
    assert response.get_json()["status"] == "accepted"
    [run_id] = response.get_json()["runs"]
    mirror = repository_path(svc.settings.repositories_dir, "acme", "erp")
    # The request did no git work: the mirror does not have the commit yet.
    assert not mirror.exists() or mirrored not in kept_revisions("git", mirror)

    assert drain(svc) == 1
    with svc.database.session() as session:
        run = session.get_one(Run, run_id)
        assert (run.state, run.commit_sha, run.trigger, run.pushed_by) == ("success", mirrored, "webhook", forge.pusher)
    assert mirrored in kept_revisions("git", mirror)


def test_a_repeated_delivery_answers_200_with_the_same_run(
    client: FlaskClient, svc: Services, forge: Forge, mirrored: str
) -> None:
    delivery = str(uuid.uuid4())
    payload = forge.push("refs/heads/main", ZERO, mirrored)
    first = post(client, forge, payload, delivery)
    again = post(client, forge, payload, delivery)
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.get_json()["status"] == "duplicate"
    assert again.get_json()["runs"] == first.get_json()["runs"]
    assert counts(svc) == (1, 1)


@pytest.mark.parametrize("tamper", ["bad", "missing"])
def test_a_bad_or_missing_signature_is_401_with_no_side_effect(
    client: FlaskClient, svc: Services, forge: Forge, mirrored: str, tamper: str
) -> None:
    delivery = str(uuid.uuid4())
    payload = forge.push("refs/heads/main", ZERO, mirrored)
    body = encode(forge, payload, delivery)
    headers = forge.headers("not-the-secret", body, delivery)
    if tamper == "missing":
        for name in (
            "X-Hub-Signature-256",
            "X-Gitlab-Token",
            "X-Gitea-Signature",
            "X-Hub-Signature",
            "Authorization",
        ):
            headers.pop(name, None)
    response = client.post(URL, data=body, headers=headers, content_type="application/json")
    assert response.status_code == 401
    assert counts(svc) == (0, 0)


@pytest.mark.parametrize("forge", [f for f in FORGES if f.name not in ("gitlab", "azure")], ids=lambda f: f.name)
def test_a_signature_over_other_bytes_is_401(client: FlaskClient, svc: Services, forge: Forge, mirrored: str) -> None:
    """The signature covers the raw bytes: the same JSON re-serialized does not verify.
    (GitLab's token and Azure's Basic credentials sign nothing, so they are not here.)"""
    delivery = str(uuid.uuid4())
    body = encode(forge, forge.push("refs/heads/main", ZERO, mirrored), delivery)
    headers = forge.headers(SECRET, body, delivery)
    response = client.post(URL, data=body.replace(b", ", b","), headers=headers, content_type="application/json")
    assert response.status_code == 401
    assert counts(svc) == (0, 0)


def test_a_malformed_body_is_400(client: FlaskClient, svc: Services, forge: Forge, mirrored: str) -> None:
    body = b'{"ref": "refs/heads/main", "before": '
    headers = forge.headers(SECRET, body, str(uuid.uuid4()))
    response = client.post(URL, data=body, headers=headers, content_type="application/json")
    assert response.status_code == 400
    assert counts(svc) == (0, 0)


def test_an_event_we_do_not_handle_is_202_and_recorded_as_ignored(
    client: FlaskClient, svc: Services, forge: Forge, mirrored: str
) -> None:
    event, payload = forge.other_event()
    delivery = str(uuid.uuid4())
    body = encode(forge, payload, delivery)
    response = client.post(URL, data=body, headers=forge.headers(SECRET, body, delivery, event))
    assert response.status_code == 202
    assert response.get_json()["status"] == "ignored"
    assert counts(svc) == (0, 1)
    again = client.post(URL, data=body, headers=forge.headers(SECRET, body, delivery, event))
    assert again.status_code == 200
    assert counts(svc) == (0, 1)


def test_a_branch_deletion_makes_no_run(client: FlaskClient, svc: Services, forge: Forge, mirrored: str) -> None:
    response = post(client, forge, forge.push("refs/heads/main", mirrored, ZERO), str(uuid.uuid4()))
    assert response.status_code == 202
    assert response.get_json()["status"] == "ignored"
    assert counts(svc) == (0, 1)


def test_an_oversized_delivery_is_413(client: FlaskClient, svc: Services, forge: Forge, mirrored: str) -> None:
    payload = {
        **forge.push("refs/heads/main", ZERO, mirrored),
        "padding": "x" * svc.settings.webhook_max_bytes,
    }
    response = post(client, forge, payload, str(uuid.uuid4()))
    assert response.status_code == 413
    assert counts(svc) == (0, 0)


def test_unknown_and_hosted_repositories_are_404(client: FlaskClient, svc: Services, forge: Forge) -> None:
    make_tenant(svc, "acme", ("erp", {"forge": "hosted"}))
    delivery = str(uuid.uuid4())
    body = encode(forge, forge.push("refs/heads/main", ZERO, "a" * 40), delivery)
    for url in (URL, "/webhooks/acme/nothing", "/webhooks/nobody/erp"):
        assert client.post(url, data=body, headers=forge.headers(SECRET, body, delivery)).status_code == 404
