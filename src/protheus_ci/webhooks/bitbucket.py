"""Bitbucket Cloud: ``X-Hub-Signature: sha256=…``, ``X-Event-Key: repo:push`` and
``X-Request-UUID``. Pushes list ``changes[]`` with ``old``/``new`` ref states and no
file lists; the pipeline computes changed files from git for every forge."""

from __future__ import annotations

from typing import Any

from protheus_ci.webhooks.base import (
    Delivery,
    Malformed,
    RefUpdate,
    WebhookRequest,
    load_object,
    nested_list,
    pusher,
    required_header,
    text,
    verify_prefixed_hmac,
)

NULL_SHA = "0" * 40
_REF_PREFIX = {"branch": "refs/heads/", "tag": "refs/tags/"}


def verify(request: WebhookRequest, secret: str) -> None:
    verify_prefixed_hmac(request, "X-Hub-Signature", secret)


def parse(request: WebhookRequest) -> Delivery:
    delivery_id = required_header(request, "X-Request-UUID")
    event = required_header(request, "X-Event-Key")
    data = load_object(request.body)
    if event != "repo:push":
        return Delivery(delivery_id, event, ignored=f"event {event!r} is not handled")
    changes = nested_list(data, "push.changes")
    who = pusher(data, "actor.nickname", "actor.username", "actor.display_name")
    return Delivery(delivery_id, event, tuple(_update(change) for change in changes), pusher=who)


def _update(change: Any) -> RefUpdate:
    if not isinstance(change, dict):
        raise Malformed("push.changes[] entries must be objects")
    old, new = change.get("old"), change.get("new")
    named = new or old
    if not isinstance(named, dict):
        raise Malformed("a change has neither old nor new state")
    prefix = _REF_PREFIX.get(named.get("type", ""), "refs/heads/")
    return RefUpdate(prefix + text(named, "name"), _hash(old), _hash(new))


def _hash(state: Any) -> str:
    if state is None:
        return NULL_SHA  # created (no old) or deleted (no new)
    target = state.get("target") if isinstance(state, dict) else None
    if not isinstance(target, dict):
        raise Malformed("a ref state has no target")
    return text(target, "hash")
