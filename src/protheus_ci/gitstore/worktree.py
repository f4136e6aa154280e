"""Export one exact commit from a bare repository into a plain folder.

Paths come from git as the bytes that were committed, often CP1252 from Windows
("Relat\xf3rio.prw"). Every stage after this one names files in reports, findings,
logs, the database and the artifact, all of which hold text, so the exported folder and
the changed-file list use each path decoded like source text: UTF-8 when it is valid,
else CP1252 ("Relatório.prw"). This is the one place where names enter a run.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

from protheus_ci.analyzers.sources import decode_for_display, readable_path
from protheus_ci.gitstore.bare import is_null_sha, run_git


def export(git: str, repository: Path, sha: str, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    archive = run_git(git, repository, "archive", "--format=tar", sha)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter=_readable_data)


def _readable_data(member: tarfile.TarInfo, destination: str) -> tarfile.TarInfo:
    """tarfile's "data" filter (nothing outside the folder, no devices, sane modes),
    then the readable name."""
    safe = tarfile.data_filter(member, destination)
    return safe.replace(name=readable_path(safe.name), deep=False)


def changed_files(git: str, repository: Path, before: str, after: str) -> list[str]:
    """Files touched between two revisions; every file when there is no usable base.

    Computed from git for every forge, since Bitbucket and Azure DevOps send no file
    lists and the others truncate theirs."""
    if before and not is_null_sha(before):
        try:
            return _names(run_git(git, repository, "diff", "--name-only", "-z", before, after))
        except RuntimeError:
            pass  # the base is unknown here (e.g. a shallow mirror): fall back to all files
    return _names(run_git(git, repository, "ls-tree", "-r", "-z", "--name-only", after))


def _names(out: bytes) -> list[str]:
    # Decoded as ``export`` names the files (see the module's note).
    return [decode_for_display(name) for name in out.split(b"\0") if name]
