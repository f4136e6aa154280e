"""The sans-io receivers on their own: signatures, delivery ids and normalized events."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

import pytest

from protheus_ci.webhooks import azure, bitbucket, gitea, github, gitlab
from protheus_ci.webhooks.base import Delivery, Malformed, RefUpdate, Unauthorized, WebhookRequest, pusher

ZERO = "0" * 40
A, B = "a" * 40, "b" * 40


def request(headers: dict[str, str], body: bytes) -> WebhookRequest:
    return WebhookRequest({name.lower(): value for name, value in headers.items()}, body)


def test_github_accepts_the_documented_test_vector() -> None:
    # The example in GitHub's "Validating webhook deliveries" page.
    signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    github.verify(request({"X-Hub-Signature-256": signature}, b"Hello, World!"), "It's a Secret to Everybody")
    with pytest.raises(Unauthorized):
        github.verify(request({"X-Hub-Signature-256": signature}, b"Hello, World?"), "It's a Secret to Everybody")


def test_github_ping_is_ignored_and_push_is_normalized() -> None:
    ping = github.parse(request({"X-GitHub-Event": "ping", "X-GitHub-Delivery": "d1"}, b'{"zen": "Keep it simple."}'))
    assert ping == Delivery("d1", "ping", ignored="ping")
    body = json.dumps({"ref": "refs/tags/v1", "before": ZERO, "after": A}).encode()
    push = github.parse(request({"X-GitHub-Event": "push", "X-GitHub-Delivery": "d2"}, body))
    assert push.updates == (RefUpdate("refs/tags/v1", ZERO, A),)


def test_a_delivery_without_its_id_header_is_malformed() -> None:
    with pytest.raises(Malformed):
        github.parse(request({"X-GitHub-Event": "push"}, b"{}"))
    with pytest.raises(Malformed):
        gitea.parse(request({"X-Gitea-Event": "push"}, b"{}"))


def test_no_configured_secret_accepts_nothing() -> None:
    for receiver in (github, gitlab, gitea, bitbucket, azure):
        with pytest.raises(Unauthorized):
            receiver.verify(request({"X-Gitlab-Token": "", "Authorization": "Basic Og=="}, b"{}"), "")


def test_gitlab_signing_token_form() -> None:
    key = b"0123456789abcdef0123456789abcdef"
    secret = "whsec_" + base64.b64encode(key).decode()
    body = b'{"object_kind": "push"}'

    def signed(stamp: int, *extra_signatures: str) -> WebhookRequest:
        mac = hmac.new(key, f"msg_2b.{stamp}.".encode() + body, hashlib.sha256).digest()
        signatures = [*extra_signatures, "v1," + base64.b64encode(mac).decode()]
        headers = {
            "webhook-id": "msg_2b",
            "webhook-timestamp": str(stamp),
            "webhook-signature": " ".join(signatures),
        }
        return request(headers, body)

    now = int(time.time())
    gitlab.verify(signed(now), secret)
    gitlab.verify(signed(now, "v1,bm90LWl0"), secret)  # one of several signatures (key rotation)
    tampered = signed(now)
    with pytest.raises(Unauthorized):
        gitlab.verify(WebhookRequest({**tampered.headers, "webhook-timestamp": str(now + 1)}, body), secret)
    # A correctly signed delivery from an hour ago is a replay.
    with pytest.raises(Unauthorized, match="stale"):
        gitlab.verify(signed(now - 3600), secret)
    # With a signing token configured, the plain shared token is not enough.
    with pytest.raises(Unauthorized):
        gitlab.verify(request({"X-Gitlab-Token": secret}, body), secret)


def test_gitlab_delivery_id_prefers_the_idempotency_key() -> None:
    headers = {"X-Gitlab-Event": "Push Hook", "Idempotency-Key": "key-1", "X-Gitlab-Event-UUID": "uuid-1"}
    body = json.dumps({"ref": "refs/heads/main", "before": A, "after": B}).encode()
    assert gitlab.parse(request(headers, body)).delivery_id == "key-1"
    del headers["Idempotency-Key"]
    assert gitlab.parse(request(headers, body)).delivery_id == "uuid-1"


def test_forgejo_headers_are_accepted() -> None:
    body = json.dumps({"ref": "refs/heads/main", "before": A, "after": B}).encode()
    signature = hmac.new(b"k", body, hashlib.sha256).hexdigest()
    headers = {"X-Forgejo-Signature": signature, "X-Forgejo-Event": "push", "X-Forgejo-Delivery": "f1"}
    gitea.verify(request(headers, body), "k")
    assert gitea.parse(request(headers, body)).updates == (RefUpdate("refs/heads/main", A, B),)


def test_bitbucket_changes_cover_created_moved_and_deleted_refs_and_tags() -> None:
    def state(kind: str, name: str, sha: str) -> dict[str, object]:
        return {"type": kind, "name": name, "target": {"hash": sha}}

    body = json.dumps(
        {
            "push": {
                "changes": [
                    {"old": None, "new": state("branch", "feature", A)},
                    {"old": state("branch", "main", A), "new": state("branch", "main", B)},
                    {"old": state("tag", "v1", A), "new": None},
                ]
            }
        }
    ).encode()
    parsed = bitbucket.parse(request({"X-Event-Key": "repo:push", "X-Request-UUID": "u1"}, body))
    assert parsed.updates == (
        RefUpdate("refs/heads/feature", ZERO, A),
        RefUpdate("refs/heads/main", A, B),
        RefUpdate("refs/tags/v1", A, ZERO),
    )
    with pytest.raises(Malformed):
        bitbucket.parse(request({"X-Event-Key": "repo:push", "X-Request-UUID": "u2"}, b'{"push": {}}'))


def test_azure_basic_credentials_and_ref_updates() -> None:
    good = "Basic " + base64.b64encode(b"anyone:pa55").decode()
    azure.verify(request({"Authorization": good}, b"{}"), "pa55")
    for bad in ("Basic " + base64.b64encode(b"anyone:nope").decode(), "Basic !!!", "Bearer pa55", ""):
        with pytest.raises(Unauthorized):
            azure.verify(request({"Authorization": bad}, b"{}"), "pa55")
    body = json.dumps(
        {
            "id": "e1",
            "eventType": "git.push",
            "resource": {
                "refUpdates": [
                    {"name": "refs/heads/main", "oldObjectId": A, "newObjectId": B},
                    {"name": "refs/heads/dev", "oldObjectId": ZERO, "newObjectId": A},
                ]
            },
        }
    ).encode()
    parsed = azure.parse(request({}, body))
    assert (parsed.delivery_id, len(parsed.updates)) == ("e1", 2)


def test_the_pusher_is_kept_printable_short_and_optional() -> None:
    assert pusher({"pusher": {"name": "ana\x1b[31m\n"}}, "sender.login", "pusher.name") == "ana[31m"
    assert (
        pusher({"sender": "not an object", "pusher": {"name": "x" * 500}}, "sender.login", "pusher.name") == "x" * 200
    )
    assert pusher({"pusher": {"name": 7}}, "pusher.name") == ""
    assert pusher({}, "pusher.name") == ""
