"""Commit statuses posted back to the forge a repository mirrors.

One module per forge turns a run into one HTTP request (``StatusRequest``); ``send``
posts it with retries and backoff. A forge that is down costs a log line, never the run.
"""

from __future__ import annotations

from protheus_ci.config import Settings
from protheus_ci.db.models import Repository, Run
from protheus_ci.pipeline.reporters import azure, bitbucket, gitea, github, gitlab
from protheus_ci.pipeline.reporters.base import StatusBuilder, send
from protheus_ci.pipeline.runner import Notifier

BUILDERS: dict[str, StatusBuilder] = {
    "github": github.build,
    "gitlab": gitlab.build,
    "gitea": gitea.build,
    "bitbucket": bitbucket.build,
    "azure": azure.build,
}


def notifier_for(settings: Settings) -> Notifier:
    def notify(repository: Repository, run: Run) -> None:
        builder = BUILDERS.get(repository.forge)
        if builder is None or not repository.forge_project:
            return  # hosted repositories, or mirrors without a forge project to report to
        target_url = f"{settings.public_url.rstrip('/')}/runs/{run.id}"
        send(builder(repository, run, target_url), settings)

    return notify
