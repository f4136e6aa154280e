"""Helpers shared by the service's tests (imported by name; pytest puts this folder on sys.path)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from protheus_ci.tenants.roles import Role
from protheus_ci.tenants.service import add_repository, add_tenant, create_token
from protheus_ci.web.services import Services


def drain(svc: Services, limit: int = 100) -> int:
    """Execute every queued task, as a worker would, through the real queue storage."""
    done = 0
    while done < limit:
        task = svc.queue.huey.dequeue()
        if task is None:
            return done
        svc.queue.huey.execute(task)
        done += 1
    raise AssertionError(f"more than {limit} tasks queued")


@dataclass
class TenantFixture:
    slug: str
    token: str
    reviewer_token: str


def make_tenant(svc: Services, slug: str, *repos: tuple[str, dict[str, str]]) -> TenantFixture:
    with svc.database.sessions.begin() as session:
        add_tenant(session, slug)
        for name, settings in repos:
            add_repository(session, slug, name, **settings)
        _, developer = create_token(session, slug, Role.DEVELOPER, user="dev")
        _, reviewer = create_token(session, slug, Role.REVIEWER, user="rev")
    return TenantFixture(slug, developer, reviewer)


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GitFailed(result.stderr)
    return result.stdout.strip()


class GitFailed(Exception):
    pass


def new_clone(path: Path) -> Path:
    path.mkdir(parents=True)
    git(path, "init", "--quiet", "--initial-branch=main")
    return path


def commit(repo: Path, name: str, content: str, message: str = "change") -> str:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(content, encoding="utf-8")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
