"""Gitea and Forgejo: POST /repos/{owner}/{repo}/statuses/{sha}. There is no public
default instance, so the repository's forge_api_url (…/api/v1) is required."""

from __future__ import annotations

from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.reporters.base import CONTEXT, StatusRequest, api_base, description

_STATES = {
    "queued": "pending",
    "running": "pending",
    "success": "success",
    "failed": "failure",
    "canceled": "warning",
}


def build(repository: Repository, run: Run, target_url: str) -> StatusRequest:
    base = api_base(repository, "")
    return StatusRequest(
        url=f"{base}/repos/{repository.forge_project}/statuses/{run.commit_sha}",
        json={
            "state": _STATES.get(run.state, "error"),
            "target_url": target_url,
            "description": description(run),
            "context": CONTEXT,
        },
        headers={"Authorization": f"token {repository.remote_password}"},
    )
