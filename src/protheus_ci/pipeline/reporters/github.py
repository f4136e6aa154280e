"""GitHub: POST /repos/{owner}/{repo}/statuses/{sha}."""

from __future__ import annotations

from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.reporters.base import StatusRequest, api_base, statuses_request

_STATES = {"queued": "pending", "running": "pending", "success": "success", "failed": "failure"}


def build(repository: Repository, run: Run, target_url: str) -> StatusRequest:
    headers = {"Authorization": f"Bearer {repository.remote_password}", "Accept": "application/vnd.github+json"}
    return statuses_request(
        api_base(repository, "https://api.github.com"), repository, run, target_url, _STATES, headers
    )
