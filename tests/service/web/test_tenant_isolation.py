"""A token of tenant A gets 404 on everything of tenant B: API, logs, pages and git."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from service_helpers import GitFailed, TenantFixture, bearer, commit, drain, git, new_clone

from protheus_ci.web.services import Services


@pytest.fixture
def globex_run(live_server: str, svc: Services, globex: TenantFixture, tmp_path: Path) -> int:
    work = new_clone(tmp_path / "work")
    commit(work, "A.prw", "Return\n")
    host = live_server.removeprefix("http://")
    git(work, "push", "--quiet", f"http://x:{globex.token}@{host}/git/globex/erp.git", "main")
    drain(svc)
    return 1


def test_every_read_of_another_tenant_is_404(
    client: FlaskClient, acme: TenantFixture, globex: TenantFixture, globex_run: int
) -> None:
    own = bearer(globex.token)
    assert client.get(f"/api/v1/runs/{globex_run}", headers=own).status_code == 200
    foreign = bearer(acme.token)
    for url in (
        "/api/v1/tenants/globex",
        "/api/v1/tenants/globex/repositories",
        "/api/v1/tenants/globex/repositories/erp/runs",
        f"/api/v1/runs/{globex_run}",
        f"/api/v1/runs/{globex_run}/findings",
        f"/api/v1/runs/{globex_run}/stages/version/log",
        f"/api/v1/runs/{globex_run}/logs.tar.gz",
        f"/api/v1/runs/{globex_run}/events",
        f"/runs/{globex_run}",
        "/git/globex/erp.git/info/refs?service=git-upload-pack",
    ):
        assert client.get(url, headers=foreign).status_code == 404, url
    for action in ("cancel", "retry"):
        assert client.post(f"/api/v1/runs/{globex_run}/{action}", headers=foreign).status_code == 404


def test_another_tenant_cannot_clone_over_git(
    live_server: str, acme: TenantFixture, globex: TenantFixture, globex_run: int, tmp_path: Path
) -> None:
    url = live_server.replace("http://", "http://x:{token}@") + "/git/globex/erp.git"
    with pytest.raises(GitFailed, match="not found"):
        git(tmp_path, "clone", "--quiet", url.format(token=acme.token), str(tmp_path / "foreign"))
    git(tmp_path, "clone", "--quiet", url.format(token=globex.token), str(tmp_path / "own"))
