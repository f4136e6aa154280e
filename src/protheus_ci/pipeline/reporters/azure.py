"""Azure DevOps: POST {org}/{project}/_apis/git/repositories/{repo}/commits/{sha}/statuses.
forge_project is "organization/project/repository"; the password is a personal access token."""

from __future__ import annotations

from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.reporters.base import CONTEXT, StatusRequest, api_base, description

_STATES = {
    "queued": "pending",
    "running": "pending",
    "success": "succeeded",
    "failed": "failed",
    "canceled": "notApplicable",
}


def build(repository: Repository, run: Run, target_url: str) -> StatusRequest:
    base = api_base(repository, "https://dev.azure.com")
    organization, project, name = [*repository.forge_project.split("/", 2), "", ""][:3]
    return StatusRequest(
        url=(
            f"{base}/{organization}/{project}/_apis/git/repositories/{name}"
            f"/commits/{run.commit_sha}/statuses?api-version=7.1"
        ),
        json={
            "state": _STATES.get(run.state, "error"),
            "description": description(run),
            "targetUrl": target_url,
            "context": {"name": CONTEXT, "genre": "ci"},
        },
        headers={},
        auth=("", repository.remote_password),
    )
