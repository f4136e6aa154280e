"""The in-toto Statement v1 with a SLSA Provenance v1 predicate, in a signed DSSE envelope.

The envelope's signature is over the DSSE pre-authentication encoding (PAE) of the
statement, and the statement's subject is the package digest: signing it is what signs
the package (ci-reference.md section 5).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from protheus_ci import __version__
from protheus_ci.artifacts.keys import SigningKey, TrustedKey

STATEMENT_TYPE = "https://in-toto.io/Statement/v1"
SLSA_PREDICATE = "https://slsa.dev/provenance/v1"
PAYLOAD_TYPE = "application/vnd.in-toto+json"
BUILD_TYPE = "https://protheus-ci.dev/build/advpl/v1"
BUILDER_ID = "https://protheus-ci.dev/builder"


def pae(payload_type: str, payload: bytes) -> bytes:
    kind = payload_type.encode()
    return b"DSSEv1 %d %s %d %s" % (len(kind), kind, len(payload), payload)


def statement(name: str, digest: str, manifest: dict[str, Any]) -> dict[str, Any]:
    return {
        "_type": STATEMENT_TYPE,
        "subject": [{"name": name, "digest": {"sha256": digest}}],
        "predicateType": SLSA_PREDICATE,
        "predicate": {
            "buildDefinition": {
                "buildType": BUILD_TYPE,
                "externalParameters": {
                    "repository": manifest["repository"],
                    "commit": manifest["commit"],
                    "tenant": manifest["tenant"],
                },
                "internalParameters": {"backend": manifest["backend"]},
                # The commit pins every source; their own digests are in the manifest,
                # which the subject digest covers.
                "resolvedDependencies": [
                    {
                        "uri": f"git+{manifest['repository']}@{manifest['commit']}",
                        "digest": {"gitCommit": manifest["commit"]},
                    }
                ],
            },
            "runDetails": {
                "builder": {"id": BUILDER_ID, "version": {"protheus-ci": __version__}},
                "metadata": {"invocationId": manifest["runId"] or f"build-{manifest['buildNumber']}"},
            },
        },
    }


def envelope(payload: dict[str, Any], key: SigningKey) -> dict[str, Any]:
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    signature = key.sign(pae(PAYLOAD_TYPE, body))
    return {
        "payloadType": PAYLOAD_TYPE,
        "payload": base64.b64encode(body).decode(),
        "signatures": [{"keyid": key.keyid, "sig": base64.b64encode(signature).decode()}],
    }


def open_envelope(envelope: dict[str, Any], trusted: list[TrustedKey]) -> dict[str, Any] | None:
    """The statement if a trusted key signed it, else None."""
    body = base64.b64decode(envelope["payload"], validate=True)
    message = pae(envelope["payloadType"], body)
    keys = {key.keyid: key for key in trusted}
    for signature in envelope.get("signatures", []):
        key = keys.get(signature.get("keyid", ""))
        if key is not None and key.verify(base64.b64decode(signature["sig"], validate=True), message):
            parsed: dict[str, Any] = json.loads(body)
            return parsed
    return None
