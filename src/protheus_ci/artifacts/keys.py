"""The service's ed25519 signing key, created on first use in the data folder.

The private key never leaves ``<data>/keys/``; it is written once, with mode 0600
(see ``keyfiles``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from protheus_ci.keyfiles import create_once

PRIVATE_KEY_NAME = "service-ed25519.pem"
PUBLIC_KEY_NAME = "service-ed25519.pub"


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


@dataclass(frozen=True)
class TrustedKey:
    public: Ed25519PublicKey

    @property
    def keyid(self) -> str:
        return key_id(self.public)

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            self.public.verify(signature, message)
        except InvalidSignature:
            return False
        return True

    @classmethod
    def load(cls, path: Path) -> TrustedKey:
        public = serialization.load_pem_public_key(path.read_bytes())
        if not isinstance(public, Ed25519PublicKey):
            raise ValueError(f"{path} is not an ed25519 public key")
        return cls(public)


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @property
    def trusted(self) -> TrustedKey:
        return TrustedKey(self.private.public_key())

    @property
    def keyid(self) -> str:
        return self.trusted.keyid

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())


def service_key(data: Path) -> SigningKey:
    """Load the service key from ``data/keys``, generating it the first time."""
    folder = data / "keys"
    path = folder / PRIVATE_KEY_NAME
    if not path.exists():
        key = SigningKey.generate()
        pem = key.private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        # When another process won the race, its key is the one loaded below.
        if create_once(path, pem):
            public = key.private.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            (folder / PUBLIC_KEY_NAME).write_bytes(public)
            return key
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an ed25519 private key")
    return SigningKey(private)


def trusted_keys(data: Path) -> list[TrustedKey]:
    """Keys whose packages this service accepts: its own, plus ``keys/trusted/*.pub``
    (another instance's key, when a customer moves between installations)."""
    extra = sorted((data / "keys" / "trusted").glob("*.pub"))
    return [service_key(data).trusted, *(TrustedKey.load(path) for path in extra)]
