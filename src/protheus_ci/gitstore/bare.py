"""Create and locate the bare repositories, and pin revisions in the reserved namespace."""

from __future__ import annotations

import subprocess
from pathlib import Path

RESERVED_NAMESPACE = "refs/protheus-ci"
KEPT_PREFIX = RESERVED_NAMESPACE + "/received/"

# Runs after git has accepted a push. It pins the old and new tip of every updated ref,
# then appends "old new ref" lines to the file the web server named, so the server
# learns exactly what moved without comparing refs before and after.
_POST_RECEIVE = """#!/bin/sh
# Installed by protheus-ci; do not edit.
while read old new ref; do
  for sha in "$old" "$new"; do
    case "$sha" in
      *[!0]*) git update-ref "refs/protheus-ci/received/$sha" "$sha" 2>/dev/null || true ;;
    esac
  done
  if [ -n "$PROTHEUS_CI_PUSH_LOG" ]; then
    echo "$old $new $ref" >> "$PROTHEUS_CI_PUSH_LOG"
  fi
done
"""

_CONFIG = {
    # Clients never see the reserved refs, and git refuses pushes that touch them.
    "transfer.hideRefs": RESERVED_NAMESPACE,
    "http.receivepack": "true",
    "core.logAllRefUpdates": "always",
    "receive.fsckObjects": "true",
}


class GitError(RuntimeError):
    """A git command failed; the message carries git's own words."""


def repository_path(root: Path, tenant: str, name: str) -> Path:
    return root / tenant / f"{name}.git"


def run_git(git: str, git_dir: Path, *args: str, stdin: bytes | None = None) -> bytes:
    result = subprocess.run(
        [git, "--git-dir", str(git_dir), *args],
        input=stdin,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise GitError(f"git {args[0]}: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout


def ensure_bare(git: str, path: Path) -> Path:
    """Create the bare repository with our hook and settings; harmless when it exists."""
    if not (path / "HEAD").exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [git, "init", "--quiet", "--bare", "--initial-branch=main", str(path)],
            check=True,
            capture_output=True,
        )
        for key, value in _CONFIG.items():
            run_git(git, path, "config", key, value)
        hook = path / "hooks" / "post-receive"
        hook.write_text(_POST_RECEIVE, encoding="utf-8")
        hook.chmod(0o755)
    return path


def keep(git: str, path: Path, sha: str) -> None:
    """Pin one revision, as the hook does for pushes."""
    run_git(git, path, "update-ref", KEPT_PREFIX + sha, sha)


def kept_revisions(git: str, path: Path) -> set[str]:
    out = run_git(git, path, "for-each-ref", "--format=%(objectname)", KEPT_PREFIX)
    return set(out.decode().split())


def is_null_sha(sha: str) -> bool:
    return not sha.strip("0")
