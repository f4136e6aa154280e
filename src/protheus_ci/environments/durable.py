"""Small durable-write helpers: fsync files and folders, write-then-rename, a lock file."""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any


def fsync_dir(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def write_file(path: Path, data: bytes) -> None:
    """Write and fsync ``path`` (the caller renames the folder that holds it into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def replace_json(path: Path, document: dict[str, Any]) -> None:
    """Replace ``path`` atomically: readers see the old document or the new one."""
    temporary = path.with_name(f".{path.name}.tmp")
    write_file(temporary, json.dumps(document, indent=1, sort_keys=True).encode())
    os.replace(temporary, path)
    fsync_dir(path.parent)


def append_line(path: Path, document: dict[str, Any]) -> None:
    with open(path, "ab") as out:
        out.write(json.dumps(document, sort_keys=True).encode() + b"\n")
        out.flush()
        os.fsync(out.fileno())


def fsync_file(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path``; the kernel drops it if the process dies."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
