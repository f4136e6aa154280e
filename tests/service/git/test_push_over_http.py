"""Real git clients push to the service over smart HTTP on loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from service_helpers import GitFailed, TenantFixture, bearer, commit, drain, git, new_clone

from protheus_ci.gitstore.bare import kept_revisions, repository_path
from protheus_ci.web.services import Services


def remote(server: str, tenant: TenantFixture, token: str | None = None, repo: str = "erp") -> str:
    host = server.removeprefix("http://")
    return f"http://x:{token or tenant.token}@{host}/git/{tenant.slug}/{repo}.git"


def bare(svc: Services, tenant: str = "acme") -> Path:
    return repository_path(svc.settings.repositories_dir, tenant, "erp")


def runs(client: FlaskClient, tenant: TenantFixture) -> list[dict[str, object]]:
    response = client.get(f"/api/v1/tenants/{tenant.slug}/repositories/erp/runs", headers=bearer(tenant.token))
    assert response.status_code == 200
    found: list[dict[str, object]] = response.get_json()["runs"]
    return found


def test_push_creates_a_run_that_builds_the_exact_commit(
    live_server: str, svc: Services, client: FlaskClient, acme: TenantFixture, tmp_path: Path
) -> None:
    work = new_clone(tmp_path / "work")
    sha = commit(work, "src/MATA010.prw", "User Function Hello()\nReturn Nil\n")
    git(work, "push", "--quiet", remote(live_server, acme), "main")

    [run] = runs(client, acme)
    # The token was made for user "dev": the push is on record as theirs.
    assert (run["ref"], run["commit"], run["state"], run["trigger"], run["pushed_by"]) == (
        "refs/heads/main",
        sha,
        "queued",
        "push",
        "dev",
    )
    assert drain(svc) == 1

    run = client.get(f"/api/v1/runs/{run['id']}", headers=bearer(acme.token)).get_json()
    stages = {stage["name"]: stage["state"] for stage in run["stages"]}
    assert stages["version"] == "success"
    assert stages["compile"] == stages["package"] == "success"
    # Without a protheus-ci.toml no branch publishes.
    assert stages["publish"] == "skipped"
    log = client.get(f"/api/v1/runs/{run['id']}/stages/compile/log", headers=bearer(acme.token)).text
    assert "1 source(s): 0 error(s), 0 warning(s)" in log
    version_log = client.get(f"/api/v1/runs/{run['id']}/stages/version/log", headers=bearer(acme.token)).text
    assert f"checking out {sha}" in version_log
    assert stages["analyze"] == "success"
    assert run["state"] == "success"


def test_every_revision_survives_force_push_and_branch_deletion(
    live_server: str, svc: Services, acme: TenantFixture, tmp_path: Path
) -> None:
    work = new_clone(tmp_path / "work")
    url = remote(live_server, acme)
    first = commit(work, "a.prw", "Return\n", "first")
    git(work, "push", "--quiet", url, "main")
    second = commit(work, "a.prw", "Return 1\n", "second")
    git(work, "push", "--quiet", url, "main")
    git(work, "reset", "--quiet", "--hard", first)
    rewritten = commit(work, "b.prw", "Return 2\n", "rewritten")
    git(work, "push", "--quiet", "--force", url, "main")
    git(work, "checkout", "--quiet", "-b", "feature")
    feature = commit(work, "c.prw", "Return 3\n", "feature")
    git(work, "push", "--quiet", url, "feature")
    git(work, "push", "--quiet", url, "--delete", "feature")

    assert {first, second, rewritten, feature} <= kept_revisions("git", bare(svc))
    # The overwritten and the deleted commits are still whole and readable.
    for sha in (second, feature):
        git(tmp_path, "--git-dir", str(bare(svc)), "cat-file", "-e", f"{sha}^{{tree}}")
    # Clients never see the reserved namespace, and cannot delete or move it.
    advertised = git(work, "ls-remote", url)
    assert "refs/protheus-ci" not in advertised
    with pytest.raises(GitFailed):
        git(work, "push", "--quiet", url, f":refs/protheus-ci/received/{second}")
    assert second in kept_revisions("git", bare(svc))


def test_runs_are_made_per_ref_and_deletions_make_none(
    live_server: str, svc: Services, client: FlaskClient, acme: TenantFixture, tmp_path: Path
) -> None:
    work = new_clone(tmp_path / "work")
    url = remote(live_server, acme)
    commit(work, "a.prw", "Return\n")
    git(work, "push", "--quiet", url, "main", "main:refs/heads/develop")
    git(work, "push", "--quiet", url, "--delete", "develop")
    assert sorted(str(run["ref"]) for run in runs(client, acme)) == ["refs/heads/develop", "refs/heads/main"]


def test_a_new_push_cancels_the_branch_queued_run(
    live_server: str, svc: Services, client: FlaskClient, acme: TenantFixture, tmp_path: Path
) -> None:
    work = new_clone(tmp_path / "work")
    url = remote(live_server, acme)
    commit(work, "a.prw", "Return\n", "one")
    git(work, "push", "--quiet", url, "main")
    newest = commit(work, "a.prw", "Return 1\n", "two")
    git(work, "push", "--quiet", url, "main")

    newer, older = runs(client, acme)
    assert (newer["commit"], newer["state"], older["state"]) == (newest, "queued", "canceled")
    drain(svc)
    newer, older = runs(client, acme)
    assert (newer["state"], older["state"]) == ("success", "canceled")
    assert older["stages"][0]["state"] == "pending"  # a canceled queued run never started


def test_git_access_needs_a_token_of_the_tenant_with_push_rights(
    live_server: str, acme: TenantFixture, globex: TenantFixture, tmp_path: Path
) -> None:
    work = new_clone(tmp_path / "work")
    commit(work, "a.prw", "Return\n")
    host = live_server.removeprefix("http://")
    with pytest.raises(GitFailed, match=r"401|Authentication failed|could not read"):
        git(work, "push", "--quiet", f"http://{host}/git/acme/erp.git", "main")
    with pytest.raises(GitFailed, match="Authentication failed"):
        git(work, "push", "--quiet", remote(live_server, acme, token="pci_not-a-real-token-at-all"), "main")
    # Another tenant's token sees nothing at all: 404, as if the repository did not exist.
    with pytest.raises(GitFailed, match=r"not found|404"):
        git(work, "ls-remote", remote(live_server, acme, token=globex.token))
    with pytest.raises(GitFailed, match="403"):
        git(work, "push", "--quiet", remote(live_server, acme, token=acme.reviewer_token), "main")
    git(work, "push", "--quiet", remote(live_server, acme), "main")
    assert "refs/heads/main" in git(work, "ls-remote", remote(live_server, acme, token=acme.reviewer_token))


def test_only_smart_http_paths_are_served(client: FlaskClient, svc: Services, acme: TenantFixture) -> None:
    auth = bearer(acme.token)
    assert client.get("/git/acme/erp.git/info/refs?service=git-upload-pack", headers=auth).status_code == 200
    for path in ("HEAD", "config", "objects/info/packs", "info/../../globex/erp.git/info/refs"):
        assert client.get(f"/git/acme/erp.git/{path}", headers=auth).status_code == 404, path
