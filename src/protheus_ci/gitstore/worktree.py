"""Export one exact commit from a bare repository into a plain folder."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from protheus_ci.gitstore.bare import is_null_sha, run_git


def export(git: str, repository: Path, sha: str, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    archive = run_git(git, repository, "archive", "--format=tar", sha)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")


def changed_files(git: str, repository: Path, before: str, after: str) -> list[str]:
    """Files touched between two revisions; every file when there is no usable base.

    Computed from git for every forge, since Bitbucket and Azure DevOps send no file
    lists and the others truncate theirs."""
    if before and not is_null_sha(before):
        try:
            out = run_git(git, repository, "diff", "--name-only", "-z", before, after)
            return [name for name in out.decode().split("\0") if name]
        except RuntimeError:
            pass  # the base is unknown here (e.g. a shallow mirror): fall back to all files
    out = run_git(git, repository, "ls-tree", "-r", "-z", "--name-only", after)
    return [name for name in out.decode().split("\0") if name]
