"""Running the installed `protheus-ci` console script in a folder, as users do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# The console script installed next to this interpreter, as a user would run it.
EXE = shutil.which("protheus-ci", path=os.path.dirname(sys.executable)) or shutil.which("protheus-ci")


def protheus_ci(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    assert EXE, "protheus-ci is not installed: pip install -e ."
    # The user's language setting must not change what the tests read.
    env = {k: v for k, v in os.environ.items() if k != "PROTHEUS_CI_LANG"}
    return subprocess.run([EXE, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd, env=env)
