"""The receiver interface, the normalized event, and helpers shared by every forge."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any, Protocol


class Unauthorized(Exception):
    """Missing or bad signature or credentials: answer 401 and do nothing else."""


class Malformed(Exception):
    """The body or a required header is not what the forge documents: answer 400."""


@dataclasses.dataclass(frozen=True)
class WebhookRequest:
    # Header names in lower case.
    headers: Mapping[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclasses.dataclass(frozen=True)
class RefUpdate:
    ref: str
    before: str
    after: str


@dataclasses.dataclass(frozen=True)
class Delivery:
    delivery_id: str
    event: str
    # Empty when the event is not one we act on; ``ignored`` then says why.
    updates: tuple[RefUpdate, ...] = ()
    ignored: str = ""
    # Who pushed, as the forge names them; empty when the payload does not say.
    pusher: str = ""


class Receiver(Protocol):
    """Met by each forge module."""

    def verify(self, request: WebhookRequest, secret: str) -> None: ...

    def parse(self, request: WebhookRequest) -> Delivery: ...


def require_secret(secret: str) -> bytes:
    # A repository without a secret accepts nothing: an unsigned delivery proves nothing.
    if not secret:
        raise Unauthorized("no webhook secret configured for this repository")
    return secret.encode()


def hmac_sha256_hex(key: bytes, body: bytes) -> str:
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def same(expected: str, given: str) -> bool:
    """Constant-time comparison; both sides as bytes so non-ASCII input cannot raise."""
    return hmac.compare_digest(expected.encode(), given.encode())


def verify_prefixed_hmac(request: WebhookRequest, header: str, secret: str) -> None:
    """``<header>: sha256=<hex HMAC-SHA256 of the raw body>``, as GitHub and Bitbucket send."""
    key = require_secret(secret)
    given = request.header(header)
    if not given.startswith("sha256=") or not same(hmac_sha256_hex(key, request.body), given[7:]):
        raise Unauthorized(f"bad or missing {header}")


def load_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise Malformed(f"body is not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise Malformed("body is not a JSON object")
    return data


def text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise Malformed(f"missing or non-text field {key!r}")
    return value


def nested_list(data: Mapping[str, Any], path: str) -> list[Any]:
    """The list at a dotted ``path`` ("push.changes"); Malformed when it is not one."""
    value = _at(data, path)
    if not isinstance(value, list):
        raise Malformed(f"missing {path}")
    return value


def _at(data: Mapping[str, Any], path: str) -> Any:
    """What a dotted path leads to, or None where an object along it is missing."""
    value: Any = data
    for key in path.split("."):
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def required_header(request: WebhookRequest, *names: str) -> str:
    for name in names:
        value = request.header(name)
        if value:
            return value
    raise Malformed(f"missing header {names[0]}")


# A name to show in run pages, logs and release history, not an identity we rely on.
PUSHER_MAX_LENGTH = 200


def pusher(data: Mapping[str, Any], *paths: str) -> str:
    """The first non-empty text at one of the dotted ``paths`` ("pusher.name"), stripped
    of control characters and shortened; "" when none is there. Never Malformed: who
    pushed is for the record, and a payload without it is still a push."""
    for path in paths:
        value = _at(data, path)
        if isinstance(value, str):
            shown = "".join(character for character in value if character.isprintable()).strip()
            if shown:
                return shown[:PUSHER_MAX_LENGTH]
    return ""
