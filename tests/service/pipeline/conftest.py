"""Runs made directly from commits pushed into a tenant's bare repository over the file
protocol: the git-over-HTTP path is covered in tests/service/git."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_helpers import MakeRun
from service_helpers import commit, git, make_tenant, new_clone

from protheus_ci.db.models import Repository
from protheus_ci.gitstore.bare import ensure_bare, repository_path
from protheus_ci.pipeline.create import runs_for_push
from protheus_ci.web.services import Services

ZERO = "0" * 40


@pytest.fixture
def make_run(svc: Services, tmp_path: Path) -> MakeRun:
    """Commit ``files`` on main, push them to acme/erp and queue a run of that commit."""
    make_tenant(svc, "acme", ("erp", {"forge": "hosted"}))
    bare = ensure_bare("git", repository_path(svc.settings.repositories_dir, "acme", "erp"))
    work = new_clone(tmp_path / "work")

    def make(files: dict[str, str]) -> int:
        for name, content in files.items():
            sha = commit(work, name, content)
        git(work, "push", "--quiet", "--force", str(bare), "main")
        with svc.database.sessions.begin() as session:
            repository = session.query(Repository).one()
            [run_id] = runs_for_push(session.connection(), repository, [(ZERO, sha, "refs/heads/main")], "push", False)
        svc.queue.enqueue_run(run_id)
        return run_id

    return make
