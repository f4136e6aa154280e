"""Key files in the data folder: created once, mode 0600, complete before anyone can
open them, so two processes starting together end up with the same key and neither
reads a half-written one."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def create_once(path: Path, content: bytes) -> bool:
    """Writes ``content`` to a new ``path`` readable by its owner only; returns False,
    writing nothing, when the file exists already (another process won the race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written in full under a private name, then linked to the real one: a link does
    # not replace an existing file, and the file appears whole or not at all.
    draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
    handle = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(draft, path)
        except FileExistsError:
            return False
        return True
    finally:
        draft.unlink()
