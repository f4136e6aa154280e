"""GitHub: ``X-Hub-Signature-256``, ``X-GitHub-Event`` and ``X-GitHub-Delivery``."""

from __future__ import annotations

from protheus_ci.webhooks.base import (
    Delivery,
    RefUpdate,
    WebhookRequest,
    load_object,
    pusher,
    required_header,
    text,
    verify_prefixed_hmac,
)


def verify(request: WebhookRequest, secret: str) -> None:
    verify_prefixed_hmac(request, "X-Hub-Signature-256", secret)


def parse(request: WebhookRequest) -> Delivery:
    delivery_id = required_header(request, "X-GitHub-Delivery")
    event = required_header(request, "X-GitHub-Event")
    data = load_object(request.body)
    if event == "ping":
        return Delivery(delivery_id, event, ignored="ping")
    if event != "push":
        return Delivery(delivery_id, event, ignored=f"event {event!r} is not handled")
    update = RefUpdate(text(data, "ref"), text(data, "before"), text(data, "after"))
    return Delivery(delivery_id, event, (update,), pusher=pusher(data, "sender.login", "pusher.name"))
