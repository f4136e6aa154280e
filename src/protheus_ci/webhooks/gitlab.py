"""GitLab: the ``X-Gitlab-Token`` shared secret, or, when the repository's secret is a
signing token (``whsec_<base64>``), the Standard-Webhooks ``webhook-signature`` HMAC over
``{webhook-id}.{webhook-timestamp}.{body}``. Delivery id: ``Idempotency-Key``, else
``X-Gitlab-Event-UUID``."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time

from protheus_ci.webhooks.base import (
    Delivery,
    RefUpdate,
    Unauthorized,
    WebhookRequest,
    load_object,
    pusher,
    require_secret,
    required_header,
    same,
    text,
)

SIGNING_PREFIX = "whsec_"
# A signed delivery older or newer than this is refused, so a captured one cannot be replayed
# later under a new delivery id (Standard Webhooks recommends five minutes).
SIGNATURE_TOLERANCE_SECONDS = 300
_PUSH_EVENTS = {"Push Hook", "Tag Push Hook"}


def verify(request: WebhookRequest, secret: str) -> None:
    require_secret(secret)
    if secret.startswith(SIGNING_PREFIX):
        _verify_signature(request, secret)
    elif not same(secret, request.header("X-Gitlab-Token")):
        raise Unauthorized("bad or missing X-Gitlab-Token")


def _verify_signature(request: WebhookRequest, secret: str) -> None:
    try:
        key = base64.b64decode(secret[len(SIGNING_PREFIX) :], validate=True)
    except binascii.Error as exc:
        raise Unauthorized("the configured signing token is not valid base64") from exc
    stamp = request.header("webhook-timestamp")
    if not stamp.isdigit() or abs(time.time() - int(stamp)) > SIGNATURE_TOLERANCE_SECONDS:
        raise Unauthorized("missing or stale webhook-timestamp")
    signed = b".".join((request.header("webhook-id").encode(), stamp.encode(), request.body))
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # The header may carry several space-separated "v1,<signature>" entries (key rotation).
    given = [entry.partition(",")[2] for entry in request.header("webhook-signature").split()]
    if not any(entry and same(expected, entry) for entry in given):
        raise Unauthorized("bad or missing webhook-signature")


def parse(request: WebhookRequest) -> Delivery:
    delivery_id = required_header(request, "Idempotency-Key", "X-Gitlab-Event-UUID", "webhook-id")
    event = required_header(request, "X-Gitlab-Event")
    data = load_object(request.body)
    if event not in _PUSH_EVENTS:
        return Delivery(delivery_id, event, ignored=f"event {event!r} is not handled")
    update = RefUpdate(text(data, "ref"), text(data, "before"), text(data, "after"))
    return Delivery(delivery_id, event, (update,), pusher=pusher(data, "user_username", "user_name"))
