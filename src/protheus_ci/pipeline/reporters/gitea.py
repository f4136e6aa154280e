"""Gitea and Forgejo: POST /repos/{owner}/{repo}/statuses/{sha}. There is no public
default instance, so the repository's forge_api_url (…/api/v1) is required."""

from __future__ import annotations

from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.reporters.base import StatusRequest, api_base, statuses_request

_STATES = {
    "queued": "pending",
    "running": "pending",
    "success": "success",
    "failed": "failure",
    "canceled": "warning",
}


def build(repository: Repository, run: Run, target_url: str) -> StatusRequest:
    headers = {"Authorization": f"token {repository.remote_password}"}
    return statuses_request(api_base(repository, ""), repository, run, target_url, _STATES, headers)
