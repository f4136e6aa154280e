"""Webhook deliveries shaped as each forge documents them (our own fixtures), signed the
way each forge signs: a push, an event we do not handle, and the headers for both."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any, Protocol

ZERO = "0" * 40


def _hex(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class Forge(Protocol):
    name: str
    # Who the push payload says pushed.
    pusher: str

    def push(self, ref: str, before: str, after: str) -> dict[str, Any]: ...

    def other_event(self) -> tuple[str, dict[str, Any]]: ...

    def headers(self, secret: str, body: bytes, delivery: str, event: str = "push") -> dict[str, str]: ...


@dataclass
class GitHub:
    name: str = "github"
    pusher: str = "dev"

    def push(self, ref: str, before: str, after: str) -> dict[str, Any]:
        return {
            "ref": ref,
            "before": before,
            "after": after,
            "created": before == ZERO,
            "deleted": after == ZERO,
            "forced": False,
            "commits": [{"id": after, "message": "change", "added": ["a.prw"], "removed": [], "modified": []}],
            "repository": {"full_name": "acme/erp", "clone_url": "https://github.com/acme/erp.git"},
            "pusher": {"name": "dev", "email": "dev@example.com"},
        }

    def other_event(self) -> tuple[str, dict[str, Any]]:
        return "issues", {"action": "opened", "issue": {"number": 1}}

    def headers(self, secret: str, body: bytes, delivery: str, event: str = "push") -> dict[str, str]:
        return {
            "X-GitHub-Event": event,
            "X-GitHub-Delivery": delivery,
            "X-Hub-Signature-256": "sha256=" + _hex(secret, body),
            "User-Agent": "GitHub-Hookshot/abc123",
        }


@dataclass
class GitLab:
    name: str = "gitlab"
    pusher: str = "dev"

    def push(self, ref: str, before: str, after: str) -> dict[str, Any]:
        return {
            "object_kind": "push",
            "ref": ref,
            "before": before,
            "after": after,
            "checkout_sha": after,
            "total_commits_count": 1,
            "commits": [{"id": after, "message": "change", "added": ["a.prw"], "modified": [], "removed": []}],
            "project": {"id": 15, "git_http_url": "https://gitlab.example.com/acme/erp.git"},
            "user_username": "dev",
        }

    def other_event(self) -> tuple[str, dict[str, Any]]:
        return "Issue Hook", {"object_kind": "issue"}

    def headers(self, secret: str, body: bytes, delivery: str, event: str = "push") -> dict[str, str]:
        return {
            "X-Gitlab-Event": "Push Hook" if event == "push" else event,
            "X-Gitlab-Token": secret,
            "X-Gitlab-Event-UUID": delivery,
            "Idempotency-Key": delivery,
        }


@dataclass
class Gitea:
    name: str = "gitea"
    pusher: str = "dev"

    def push(self, ref: str, before: str, after: str) -> dict[str, Any]:
        return {
            "ref": ref,
            "before": before,
            "after": after,
            "compare_url": "https://gitea.example.com/acme/erp/compare/x...y",
            "commits": [{"id": after, "message": "change\n"}],
            "repository": {"full_name": "acme/erp", "clone_url": "https://gitea.example.com/acme/erp.git"},
            "pusher": {"login": "dev"},
        }

    def other_event(self) -> tuple[str, dict[str, Any]]:
        return "issues", {"action": "opened"}

    def headers(self, secret: str, body: bytes, delivery: str, event: str = "push") -> dict[str, str]:
        return {
            "X-Gitea-Event": event,
            "X-Gitea-Event-Type": event,
            "X-Gitea-Delivery": delivery,
            "X-Gitea-Signature": _hex(secret, body),
        }


@dataclass
class Bitbucket:
    name: str = "bitbucket"
    pusher: str = "dev"

    def push(self, ref: str, before: str, after: str) -> dict[str, Any]:
        branch = ref.removeprefix("refs/heads/")

        def state(sha: str) -> dict[str, Any] | None:
            return (
                None if sha == ZERO else {"type": "branch", "name": branch, "target": {"type": "commit", "hash": sha}}
            )

        return {
            "push": {
                "changes": [
                    {
                        "old": state(before),
                        "new": state(after),
                        "created": before == ZERO,
                        "closed": after == ZERO,
                        "forced": False,
                        "commits": [{"hash": after}],
                        "truncated": False,
                    }
                ]
            },
            "repository": {"full_name": "acme/erp", "type": "repository"},
            "actor": {"display_name": "Dev", "nickname": "dev"},
        }

    def other_event(self) -> tuple[str, dict[str, Any]]:
        return "repo:fork", {"fork": {"full_name": "other/erp"}}

    def headers(self, secret: str, body: bytes, delivery: str, event: str = "push") -> dict[str, str]:
        return {
            "X-Event-Key": "repo:push" if event == "push" else event,
            "X-Request-UUID": delivery,
            "X-Hook-UUID": "{hook}",
            "X-Attempt-Number": "1",
            "X-Hub-Signature": "sha256=" + _hex(secret, body),
        }


@dataclass
class Azure:
    """Azure puts the event id and type in the body, so ``headers`` only authenticates;
    the delivery id is set by ``push``/``other_event`` callers through ``with_id``."""

    name: str = "azure"
    pusher: str = "dev@acme.example"

    def push(self, ref: str, before: str, after: str) -> dict[str, Any]:
        return {
            "id": "",
            "eventType": "git.push",
            "publisherId": "tfs",
            "resource": {
                "refUpdates": [{"name": ref, "oldObjectId": before, "newObjectId": after}],
                "commits": [{"commitId": after, "comment": "change"}],
                "repository": {
                    "id": "r1",
                    "name": "erp",
                    "remoteUrl": "https://dev.azure.com/acme/erp/_git/erp",
                },
                "pushId": 14,
                "pushedBy": {"displayName": "Dev", "uniqueName": "dev@acme.example"},
            },
        }

    def other_event(self) -> tuple[str, dict[str, Any]]:
        return "build.complete", {"id": "", "eventType": "build.complete", "resource": {}}

    def headers(self, secret: str, body: bytes, delivery: str, event: str = "push") -> dict[str, str]:
        credentials = base64.b64encode(f"azure:{secret}".encode()).decode()
        return {"Authorization": f"Basic {credentials}"}


FORGES: list[Forge] = [GitHub(), GitLab(), Gitea(), Bitbucket(), Azure()]


def encode(forge: Forge, payload: dict[str, Any], delivery: str) -> bytes:
    if forge.name == "azure":
        payload = {**payload, "id": delivery}
    return json.dumps(payload).encode()
