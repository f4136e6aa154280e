"""Per-file results cached by content, so an unchanged file is never parsed twice.

The key covers the file's content digest and path, the rules' version and the
settings that change per-file results; project-wide checks are recomputed from
the cached summaries on every run. A second table remembers each file's size and
modification time with its content digest, so an untouched file is not even read
again (as git's index does); a file modified too close to when it was recorded
is read anyway, since a later change within the same clock tick would not show.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sqlite3
import time
from pathlib import Path

from protheus_ci.analyzers.engine import FileAnalysis

#: Modification times this close to the moment they were recorded are not trusted.
_RACY_NS = 2_000_000_000


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def cache_key(version: str, path: str, dialect: str, digest: str) -> str:
    key = "\x00".join((version, path, dialect, digest)).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(key, digest_size=20).hexdigest()


class ResultCache:
    """A SQLite file: atomic writes, one file for thousands of results, and safe to
    open from several processes. Rows are marshalled tuples of plain values, the
    cheapest form Python reads back."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(folder / "analysis-v2.sqlite", timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, payload BLOB NOT NULL)")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER,"
            " recorded_ns INTEGER, digest TEXT)"
        )
        self._stats = {
            path: (mtime, size, recorded, digest)
            for path, mtime, size, recorded, digest in self._db.execute("SELECT * FROM files")
        }
        self._new_stats: list[tuple[bytes, int, int, int, str]] = []

    def digest_of(self, path: Path) -> tuple[str, bytes | None]:
        """The file's content digest, and its bytes when they had to be read."""
        stat = path.stat()
        # Keyed by the name's bytes: exact for any name, where text could not hold a
        # CP1252 name (SQLite takes no surrogates) and a readable form could collide.
        known = self._stats.get(os.fsencode(path))
        if known is not None:
            mtime, size, recorded, digest = known
            if (mtime, size) == (stat.st_mtime_ns, stat.st_size) and recorded - mtime > _RACY_NS:
                return digest, None
        data = path.read_bytes()
        digest = content_digest(data)
        self._new_stats.append((os.fsencode(path), stat.st_mtime_ns, stat.st_size, time.time_ns(), digest))
        return digest, data

    def get_many(self, keys: list[str]) -> dict[str, FileAnalysis]:
        found: dict[str, FileAnalysis] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, payload FROM results WHERE key IN ({marks})"
            for key, payload in self._db.execute(query, chunk):
                found[key] = FileAnalysis.from_row(marshal.loads(payload))
        return found

    def put_many(self, items: list[tuple[str, FileAnalysis]]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO results (key, payload) VALUES (?, ?)",
                [(key, marshal.dumps(result.to_row())) for key, result in items],
            )
            self._db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", self._new_stats)
        self._new_stats.clear()

    def close(self) -> None:
        self._db.close()

