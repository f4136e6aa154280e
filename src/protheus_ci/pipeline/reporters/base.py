"""The shape every forge's status request takes, and the one sender with retries."""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

from protheus_ci.config import Settings
from protheus_ci.db.models import Repository, Run

logger = logging.getLogger(__name__)

CONTEXT = "protheus-ci"


@dataclasses.dataclass(frozen=True)
class StatusRequest:
    url: str
    json: dict[str, Any]
    headers: dict[str, str] = dataclasses.field(repr=False)
    auth: tuple[str, str] | None = dataclasses.field(default=None, repr=False)


StatusBuilder = Callable[[Repository, Run, str], StatusRequest]


def api_base(repository: Repository, default: str) -> str:
    return (repository.forge_api_url or default).rstrip("/")


def description(run: Run) -> str:
    return f"protheus-ci run {run.id}: {run.state}"


def send(request: StatusRequest, settings: Settings) -> bool:
    """True when the forge took the status. Retries server errors and network failures
    with exponential backoff; never raises, and never logs the credentials."""
    attempts = max(1, settings.status_retries)
    for attempt in range(attempts):
        try:
            response = httpx.post(
                request.url,
                json=request.json,
                headers=request.headers,
                auth=request.auth,
                timeout=settings.status_timeout_seconds,
            )
        except httpx.HTTPError as exc:
            problem = type(exc).__name__
        else:
            if response.status_code < 400:
                return True
            problem = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                break  # the forge refused this request; sending it again will not help
        logger.warning("commit status to %s failed (%s), attempt %d/%d", request.url, problem, attempt + 1, attempts)
        if attempt + 1 < attempts:
            time.sleep(settings.status_backoff_seconds * 2**attempt)
    return False


def statuses_request(
    base: str, repository: Repository, run: Run, target_url: str, states: dict[str, str], headers: dict[str, str]
) -> StatusRequest:
    """`POST /repos/{owner}/{repo}/statuses/{sha}`: GitHub's API, which Gitea and
    Forgejo copy with their own state names and authorization."""
    return StatusRequest(
        url=f"{base}/repos/{repository.forge_project}/statuses/{run.commit_sha}",
        json={
            "state": states.get(run.state, "error"),
            "target_url": target_url,
            "description": description(run),
            "context": CONTEXT,
        },
        headers=headers,
    )
