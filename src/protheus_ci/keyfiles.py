"""Key files in the data folder: created once, mode 0600, by an exclusive create, so two
processes starting together cannot end up with two different keys."""

from __future__ import annotations

import os
from pathlib import Path


def create_once(path: Path, content: bytes) -> bool:
    """Writes ``content`` to a new ``path`` readable by its owner only; returns False,
    writing nothing, when the file exists already (another process won the race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(handle, "wb") as out:
        out.write(content)
        out.flush()
        os.fsync(out.fileno())
    return True
