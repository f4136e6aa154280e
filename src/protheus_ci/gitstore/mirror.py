"""Fetch a pushed ref from a customer's forge into the tenant's mirror.

Credentials reach git through ``GIT_CONFIG_*`` environment variables as an HTTP header,
never through the command line or the URL, so they appear in no process list and no log.
"""

from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path

from protheus_ci.gitstore.bare import GitError, keep


def fetch(
    git: str,
    mirror: Path,
    remote_url: str,
    ref: str,
    expected_sha: str,
    username: str = "",
    password: str = "",
) -> None:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0")
    if password:
        basic = base64.b64encode(f"{username or 'x-token'}:{password}".encode()).decode()
        env.update(
            GIT_CONFIG_COUNT="1",
            GIT_CONFIG_KEY_0="http.extraHeader",
            GIT_CONFIG_VALUE_0=f"Authorization: Basic {basic}",
        )
    _run_fetch(git, mirror, env, remote_url, f"+{ref}:{ref}")
    try:
        keep(git, mirror, expected_sha)
    except GitError:
        # The ref moved on at the forge since the delivery; ask for the exact commit.
        _run_fetch(git, mirror, env, remote_url, expected_sha)
        keep(git, mirror, expected_sha)


def _run_fetch(git: str, mirror: Path, env: dict[str, str], remote_url: str, refspec: str) -> None:
    result = subprocess.run(
        [git, "--git-dir", str(mirror), "fetch", "--quiet", "--no-tags", remote_url, refspec],
        env=env,
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise GitError("git fetch: " + result.stderr.decode(errors="replace").strip())
