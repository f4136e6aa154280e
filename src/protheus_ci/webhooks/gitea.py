"""Gitea and Forgejo: ``X-Gitea-Signature`` (or ``X-Forgejo-Signature``), a bare hex
HMAC-SHA256 of the raw body."""

from __future__ import annotations

from protheus_ci.webhooks.base import (
    Delivery,
    RefUpdate,
    Unauthorized,
    WebhookRequest,
    hmac_sha256_hex,
    load_object,
    pusher,
    require_secret,
    required_header,
    same,
    text,
)


def verify(request: WebhookRequest, secret: str) -> None:
    key = require_secret(secret)
    given = request.header("X-Gitea-Signature") or request.header("X-Forgejo-Signature")
    if not given or not same(hmac_sha256_hex(key, request.body), given):
        raise Unauthorized("bad or missing X-Gitea-Signature")


def parse(request: WebhookRequest) -> Delivery:
    delivery_id = required_header(request, "X-Gitea-Delivery", "X-Forgejo-Delivery")
    event = required_header(request, "X-Gitea-Event", "X-Forgejo-Event")
    data = load_object(request.body)
    if event != "push":
        return Delivery(delivery_id, event, ignored=f"event {event!r} is not handled")
    update = RefUpdate(text(data, "ref"), text(data, "before"), text(data, "after"))
    who = pusher(data, "pusher.login", "pusher.username", "sender.login")
    return Delivery(delivery_id, event, (update,), pusher=who)
