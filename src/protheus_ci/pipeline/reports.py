"""Where a run's quality reports live, and the baseline its branch gates against.

Reports are files under the data folder, one folder per run; the baseline of a
ref is the JSON report of the last run on that ref, so each push is gated on the
findings it adds ("clean as you code"), not on everything it inherited.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

#: report file name -> (format of `protheus-ci check`, language, media type)
REPORT_FILES = {
    "report.json": ("json", "en", "application/json"),
    "report.sarif": ("sarif", "en", "application/sarif+json"),
    "report.html": ("html", "en", "text/html; charset=utf-8"),
    "report.pt-BR.html": ("html", "pt-BR", "text/html; charset=utf-8"),
}


def run_folder(data_dir: Path, tenant: str, repository: str, run_id: int) -> Path:
    return data_dir / "reports" / tenant / repository / "runs" / str(run_id)


def baseline_file(data_dir: Path, tenant: str, repository: str, ref: str) -> Path:
    # Refs hold slashes and any character git allows: a digest names the file safely.
    slug = hashlib.sha256(ref.encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return data_dir / "reports" / tenant / repository / "baselines" / f"{slug}.json"


def write_atomically(path: Path, text: str) -> None:
    """A reader (a concurrent run, the web app) sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
