"""GitHub: POST /repos/{owner}/{repo}/statuses/{sha}."""

from __future__ import annotations

from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.reporters.base import CONTEXT, StatusRequest, api_base, description

_STATES = {"queued": "pending", "running": "pending", "success": "success", "failed": "failure"}


def build(repository: Repository, run: Run, target_url: str) -> StatusRequest:
    base = api_base(repository, "https://api.github.com")
    return StatusRequest(
        url=f"{base}/repos/{repository.forge_project}/statuses/{run.commit_sha}",
        json={
            "state": _STATES.get(run.state, "error"),
            "target_url": target_url,
            "description": description(run),
            "context": CONTEXT,
        },
        headers={
            "Authorization": f"Bearer {repository.remote_password}",
            "Accept": "application/vnd.github+json",
        },
    )
