"""Repository credentials sealed at rest: webhook secrets and forge tokens are stored
encrypted (Fernet: AES-128-CBC with HMAC-SHA256, from ``cryptography``), so that a copy
of the database or of a backup does not hand out tokens that can write to customers'
repositories. The service must read them back (an HMAC key, a token to send), so they
are encrypted, not hashed like API tokens.

The keys come from the ``secrets_keys`` setting (Fernet keys separated by commas; the
first seals, all open, which is how a key is rotated), or else from
``<data>/keys/secrets.fernet``, created on first use. ``protheus-ci secrets reseal``
seals every stored credential again with the first key: after a rotation, and once for
values stored in clear by versions before this one, which are still read as they are.

Columns declared ``SealedText`` seal and open through the key attached to their engine
(``attach``), so each database opened in a process uses its own settings' keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Dialect, Engine, Text
from sqlalchemy.types import TypeDecorator

from protheus_ci.keyfiles import create_once

SEALED_PREFIX = "fernet:"
KEY_FILE = "secrets.fernet"
_DIALECT_ATTRIBUTE = "protheus_ci_secret_box"


class SecretsKeyError(RuntimeError):
    """No key, a malformed key, or a value sealed with a key we do not have."""


class SecretBox:
    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise SecretsKeyError("no secrets key / nenhuma chave de segredos")
        try:
            self._first = Fernet(keys[0])
            self._all = MultiFernet([Fernet(key) for key in keys])
        except ValueError as exc:
            raise SecretsKeyError(f"malformed secrets key (a Fernet key is 32 bytes, url-safe base64): {exc}") from exc

    @classmethod
    def from_settings(cls, secrets_keys: str, data_dir: Path) -> SecretBox:
        keys = [key.strip().encode() for key in secrets_keys.split(",") if key.strip()]
        if not keys:
            path = data_dir / "keys" / KEY_FILE
            create_once(path, Fernet.generate_key())
            keys = [path.read_bytes().strip()]
        return cls(keys)

    def seal(self, plain: str) -> str:
        # An empty value means "none configured", and stays visibly so.
        return SEALED_PREFIX + self._first.encrypt(plain.encode()).decode() if plain else ""

    def open(self, stored: str) -> str:
        if not stored.startswith(SEALED_PREFIX):
            return stored  # empty, or stored in clear before sealing existed
        try:
            return self._all.decrypt(stored[len(SEALED_PREFIX) :].encode()).decode()
        except InvalidToken as exc:
            raise SecretsKeyError(
                "a stored credential was sealed with a key that is not in secrets_keys / "
                "credencial cifrada com uma chave ausente"
            ) from exc

    def needs_reseal(self, stored: str) -> bool:
        """Stored in clear, or sealed with a key other than the first."""
        if not stored:
            return False
        if not stored.startswith(SEALED_PREFIX):
            return True
        try:
            self._first.decrypt(stored[len(SEALED_PREFIX) :].encode())
        except InvalidToken:
            return True
        return False


def attach(engine: Engine, box: SecretBox) -> None:
    """Gives ``engine``'s ``SealedText`` columns their keys. The dialect is the one
    object per engine that a column type is handed."""
    setattr(engine.dialect, _DIALECT_ATTRIBUTE, box)


def box_of(dialect: Dialect) -> SecretBox:
    box: SecretBox | None = getattr(dialect, _DIALECT_ATTRIBUTE, None)
    if box is None:
        raise SecretsKeyError("this database was opened without the secrets key (see db.sealed.attach)")
    return box


class SealedText(TypeDecorator[str]):
    """Text sealed on the way in and opened on the way out."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else box_of(dialect).seal(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else box_of(dialect).open(value)
