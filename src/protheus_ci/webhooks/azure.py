"""Azure DevOps service hooks: HTTP Basic credentials (the password is the repository's
webhook secret), ``eventType: git.push``, and the event ``id`` as the delivery id."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from protheus_ci.webhooks.base import (
    Delivery,
    Malformed,
    RefUpdate,
    Unauthorized,
    WebhookRequest,
    load_object,
    nested_list,
    pusher,
    require_secret,
    same,
    text,
)


def verify(request: WebhookRequest, secret: str) -> None:
    require_secret(secret)
    scheme, _, encoded = request.header("Authorization").partition(" ")
    if scheme.lower() != "basic":
        raise Unauthorized("missing Basic credentials")
    try:
        decoded = base64.b64decode(encoded, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise Unauthorized("unreadable Basic credentials") from exc
    if not same(secret, decoded.partition(":")[2]):
        raise Unauthorized("bad Basic credentials")


def parse(request: WebhookRequest) -> Delivery:
    data = load_object(request.body)
    delivery_id = text(data, "id")
    event = text(data, "eventType")
    if event != "git.push":
        return Delivery(delivery_id, event, ignored=f"event {event!r} is not handled")
    updates = nested_list(data, "resource.refUpdates")
    who = pusher(data, "resource.pushedBy.uniqueName", "resource.pushedBy.displayName")
    return Delivery(delivery_id, event, tuple(_update(update) for update in updates), pusher=who)


def _update(update: Any) -> RefUpdate:
    if not isinstance(update, dict):
        raise Malformed("resource.refUpdates[] entries must be objects")
    return RefUpdate(text(update, "name"), text(update, "oldObjectId"), text(update, "newObjectId"))
