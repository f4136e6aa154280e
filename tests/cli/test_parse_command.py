"""`protheus-ci parse`, run as users run it: the installed console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The console script installed next to this interpreter, as a user would run it.
EXE = shutil.which("protheus-ci", path=os.path.dirname(sys.executable)) or shutil.which("protheus-ci")


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    assert EXE, "protheus-ci is not installed: pip install -e ."
    return subprocess.run([EXE, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path, sources_dir: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(sources_dir, root / "src")
    (root / "src" / "BROKEN.PRW").write_bytes(b"User Function Broken()\r\n  nA := (1 +\r\nReturn\r\n")
    (root / "src" / "padrao.ch").write_bytes(b"#zip\x00\x13compressed")
    (root / "notes.txt").write_text("not a source")
    return root


def test_text_output_lists_errors_and_summary(project: Path) -> None:
    result = run("parse", project)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{project / 'src' / 'BROKEN.PRW'}:2:6: syntax error (unexpected ':= (1 +')" in lines
    assert f"{project / 'src' / 'padrao.ch'}: TOTVS compressed header (#zip), not parsed" in lines
    assert lines[-1].startswith("5 files (1 with errors, 1 compressed, 0 unreadable), ")


def test_json_summary(project: Path) -> None:
    result = run("parse", project, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    summary = report["summary"]
    assert {k: summary[k] for k in ("files", "files_with_errors", "compressed_headers", "error_lines")} == {
        "files": 5,
        "files_with_errors": 1,
        "compressed_headers": 1,
        "error_lines": 1,
    }
    assert summary["lines"] == 3 + 70 + 40 + 11 + 1
    assert summary["bytes"] > 0 and summary["seconds"] >= 0
    by_name = {Path(f["path"]).name: f for f in report["files"]}
    assert by_name["xyza010.prw"]["encoding"] == "cp1252"
    assert by_name["xyza010.prw"]["line_ending"] == "crlf"
    assert by_name["ordem_service.tlpp"]["dialect"] == "tlpp"
    assert by_name["BROKEN.PRW"]["errors"][0]["line"] == 2


def test_clean_folder_exits_zero(sources_dir: Path) -> None:
    result = run("parse", sources_dir)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("3 files (0 with errors")


def test_unreadable_paths_are_reported_and_the_run_goes_on(project: Path, tmp_path: Path) -> None:
    locked = project / "src" / "locked.prw"
    locked.write_bytes(b"Return\n")
    locked.chmod(0)
    missing = tmp_path / "missing"
    result = run("parse", missing, project)
    assert result.returncode == 1
    assert f"protheus-ci: cannot read {missing}: no such file or directory" in result.stderr
    # Root reads a file whatever its mode; the missing path proves the point there.
    readable, unreadable = (6, 1) if os.geteuid() == 0 else (5, 2)
    assert f"{readable} files (1 with errors, 1 compressed, {unreadable} unreadable)" in result.stdout.splitlines()[-1]
    assert (f"cannot read {locked}" in result.stderr) is (unreadable == 2)


@pytest.mark.parametrize("args", [("parse",), ("parse", ".", "--format", "xml"), ("nosuchcommand",)])
def test_bad_usage_exits_two(args: tuple[str, ...]) -> None:
    assert run(*args).returncode == 2
