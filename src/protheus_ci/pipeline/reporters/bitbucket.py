"""Bitbucket Cloud: POST /repositories/{workspace}/{repo}/commit/{sha}/statuses/build."""

from __future__ import annotations

from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.reporters.base import CONTEXT, StatusRequest, api_base, description

_STATES = {"queued": "INPROGRESS", "running": "INPROGRESS", "success": "SUCCESSFUL", "canceled": "STOPPED"}


def build(repository: Repository, run: Run, target_url: str) -> StatusRequest:
    base = api_base(repository, "https://api.bitbucket.org/2.0")
    return StatusRequest(
        url=f"{base}/repositories/{repository.forge_project}/commit/{run.commit_sha}/statuses/build",
        json={
            "key": CONTEXT,
            "state": _STATES.get(run.state, "FAILED"),
            "name": CONTEXT,
            "url": target_url,
            "description": description(run),
        },
        headers={},
        auth=(repository.remote_username, repository.remote_password),
    )
