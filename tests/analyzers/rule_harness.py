"""Running one rule on a fixture or an example, for the rule tests.

A fixture is `tests/fixtures/rules/<CODE>.<ext>` (one file) or
`tests/fixtures/rules/<CODE>/` (a small project, for project-wide rules). Each
line that must be flagged ends with a `// ruleid: <CODE>` comment (or the line
before it is `// ruleid-next-line: <CODE>`, for lines that cannot hold a
comment); lines marked `// ok: <CODE>` must not be, and no other line may be.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from protheus_ci.analyzers.analysis import run_analysis
from protheus_ci.analyzers.catalog import load_catalog
from protheus_ci.analyzers.config import load_config
from protheus_ci.analyzers.discovery import discover
from protheus_ci.analyzers.findings import Finding

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rules"
MARK = re.compile(rb"//\s*(ruleid|ruleid-next-line|ok):\s*([A-Z]{1,3}[0-9]{3})")


def run_rule(code: str, path: Path, root: Path | None = None) -> list[Finding]:
    """Only `code`, with the settings of a `protheus-ci.toml` beside the fixture (a
    customer prefix, include folders), as a customer repository would have them."""
    root = root or (path if path.is_dir() else path.parent)
    config = replace(load_config(None, root, load_catalog().codes), select=(code,), extend_select=(code,))
    result = run_analysis([path], config, root=root)
    return [f for f in result.findings if f.code == code]


def fixture_for(code: str) -> Path | None:
    folder = FIXTURES / code
    if folder.is_dir():
        return folder
    files = sorted(FIXTURES.glob(f"{code}.*"))
    return files[0] if files else None


def expected_marks(code: str, path: Path) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """(must fire, must not fire) as (relative path, line) pairs."""
    root = path if path.is_dir() else path.parent
    fire: set[tuple[str, int]] = set()
    quiet: set[tuple[str, int]] = set()
    sources, _ = discover([path])
    for source in sources:
        relative = source.relative_to(root).as_posix()
        for number, line in enumerate(re.split(rb"\r\n|\r|\n", source.read_bytes()), start=1):
            for kind, marked in MARK.findall(line):
                if marked.decode() == code:
                    target = fire if kind.startswith(b"ruleid") else quiet
                    target.add((relative, number + 1 if kind == b"ruleid-next-line" else number))
    return fire, quiet
