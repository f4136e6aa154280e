"""GitLab: POST /projects/{id}/statuses/{sha}."""

from __future__ import annotations

from urllib.parse import quote

from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.reporters.base import CONTEXT, StatusRequest, api_base, description

_STATES = {
    "queued": "pending",
    "running": "running",
    "success": "success",
    "failed": "failed",
    "canceled": "canceled",
    "error": "failed",
}


def build(repository: Repository, run: Run, target_url: str) -> StatusRequest:
    base = api_base(repository, "https://gitlab.com/api/v4")
    project = quote(repository.forge_project, safe="")
    return StatusRequest(
        url=f"{base}/projects/{project}/statuses/{run.commit_sha}",
        json={
            "state": _STATES[run.state],
            "ref": run.ref.removeprefix("refs/heads/"),
            "name": CONTEXT,
            "target_url": target_url,
            "description": description(run),
        },
        headers={"PRIVATE-TOKEN": repository.remote_password},
    )
