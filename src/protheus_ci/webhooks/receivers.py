"""The one table from a forge name to its receiver."""

from __future__ import annotations

from protheus_ci.webhooks import azure, bitbucket, gitea, github, gitlab
from protheus_ci.webhooks.base import Receiver

RECEIVERS: dict[str, Receiver] = {
    "github": github,
    "gitlab": gitlab,
    "gitea": gitea,
    "bitbucket": bitbucket,
    "azure": azure,
}
