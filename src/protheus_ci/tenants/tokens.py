"""API tokens: random, shown once, stored only as a digest.

A token reads ``pci_<lookup><secret>``. The lookup part is stored in clear so a token is
found with one indexed query; the whole token is stored as SHA-256, which is enough for
a 256-bit random secret (no password stretching needed) and is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

PREFIX = "pci_"
LOOKUP_LENGTH = 12


def generate() -> str:
    return PREFIX + secrets.token_hex(LOOKUP_LENGTH // 2) + secrets.token_urlsafe(32)


def lookup_of(token: str) -> str | None:
    if not token.startswith(PREFIX) or len(token) <= len(PREFIX) + LOOKUP_LENGTH:
        return None
    return token[len(PREFIX) : len(PREFIX) + LOOKUP_LENGTH]


def shown_prefix(lookup: str) -> str:
    """What a listing shows of a token: enough to recognise it, nothing to use it."""
    return PREFIX + lookup


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def matches(token: str, digest: str) -> bool:
    return hmac.compare_digest(digest_of(token), digest)
