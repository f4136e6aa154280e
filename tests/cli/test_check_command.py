"""`protheus-ci check`, run as users run it: the installed console script, in a
small customer project, with the gate deciding the exit status."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from cli.console import EXE, protheus_ci

# Rules whose behaviour these tests rely on; rules added later cannot change them.
CONFIG = '[analyzer]\nselect = ["TRN001", "LEG001", "HYG001", "SQL001"]\n'
LOCKING = """User Function XYZC01()
    RecLock("ZZ1", .T.)
    ZZ1->ZZ1_VALOR := 1
Return
"""
TRN001_MESSAGE = "TRN001 RecLock() is never followed by MsUnlock() in this function"
SARIF_SCHEMA = Path(__file__).parents[1] / "fixtures" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def project(tmp_path: Path, sources_dir: Path) -> Path:
    """The three clean fixtures, a configuration, and nothing to find yet."""
    root = tmp_path / "project"
    shutil.copytree(sources_dir, root / "src")
    (root / "protheus-ci.toml").write_text(CONFIG)
    return root


@pytest.fixture
def locking(project: Path) -> Path:
    """The project with one critical finding, TRN001 at src/xyzc01.prw:2:5."""
    (project / "src" / "xyzc01.prw").write_text(LOCKING, newline="\r\n")
    return project


def test_clean_project_passes_and_caches(project: Path) -> None:
    result = protheus_ci("check", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["No findings; 3 files checked.", "Quality gate: passed."]
    # No progress bar, nor anything else, when stderr is a pipe.
    assert result.stderr == ""
    assert (project / ".protheus-ci" / "cache" / "analysis-v2.sqlite").is_file()


def test_findings_fail_the_gate_with_paths_from_the_root(locking: Path) -> None:
    # Run from a subfolder: the root is still the folder holding protheus-ci.toml.
    result = protheus_ci("check", cwd=locking / "src")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"src/xyzc01.prw:2:5: {TRN001_MESSAGE}",
        "",
        "1 finding in 1 file (critical: 1); 4 files checked.",
        "Quality gate: failed — critical: 1 (at most 0).",
    ]


def test_files_named_like_pre_commit_passes_them(locking: Path) -> None:
    result = protheus_ci("check", "src/xyzc01.prw", "src/xyza010.prw", cwd=locking)
    assert result.returncode == 1
    assert "2 files checked." in result.stdout


def test_config_option_sets_the_root(locking: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = protheus_ci("check", "--config", locking / "protheus-ci.toml", locking / "src", cwd=elsewhere)
    assert result.returncode == 1
    assert result.stdout.startswith(f"src/xyzc01.prw:2:5: {TRN001_MESSAGE}\n")
    assert (locking / ".protheus-ci" / "cache").is_dir()


def test_gate_limits_come_from_the_configuration(locking: Path) -> None:
    (locking / "protheus-ci.toml").write_text(CONFIG + "[gate]\ncritical = 1\nblocker = false\n")
    result = protheus_ci("check", cwd=locking)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "Quality gate: passed."


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[analyzer]\nselec = ["TRN001"]\n', "unknown key(s) in [analyzer]: selec"),
        ('[gate]\nmajor = "ten"\n', "[gate] major must be a count of findings allowed, or false for no limit"),
        ("[analyzer\n", "invalid TOML"),
    ],
)
def test_invalid_configuration_exits_2(project: Path, config: str, message: str) -> None:
    (project / "protheus-ci.toml").write_text(config)
    result = protheus_ci("check", cwd=project)
    assert result.returncode == 2
    assert message in result.stderr and "protheus-ci.toml" in result.stderr
    assert result.stdout == ""


def test_command_line_selection_overrides_the_configuration(locking: Path) -> None:
    (locking / "src" / "xyzc02.prw").write_text('User Function XYZC02()\n    ConOut("oi")\nReturn\n')
    ignored = protheus_ci("check", "--ignore", "TRN001", cwd=locking)
    assert ignored.returncode == 0
    assert ignored.stdout.splitlines()[0] == "src/xyzc02.prw:2:5: LEG001 ConOut() writes to the console; use FWLogMsg"
    selected = protheus_ci("check", "--select", "TRN", "--no-cache", cwd=locking)
    assert selected.returncode == 1
    assert [line for line in selected.stdout.splitlines() if line.startswith("src/")] == [
        f"src/xyzc01.prw:2:5: {TRN001_MESSAGE}"
    ]
    unknown = protheus_ci("check", "--select", "NOPE1", cwd=locking)
    assert unknown.returncode == 2 and "'NOPE1' matches no rule code" in unknown.stderr


def test_new_code_mode_gates_only_new_findings(locking: Path) -> None:
    baseline = locking / "baseline.json"
    first = protheus_ci("check", "--format", "json", "--output", baseline, cwd=locking)
    assert first.returncode == 1
    assert json.loads(baseline.read_text())["findings"][0]["line"] == 2

    # The finding moves down three lines: still the same finding.
    source = locking / "src" / "xyzc01.prw"
    moved = LOCKING.replace("User Function XYZC01()\n", "User Function XYZC01()\n    Local nA := 0\n\n\n")
    source.write_text(moved, newline="\r\n")
    unchanged = protheus_ci("check", "--baseline", baseline, cwd=locking)
    assert unchanged.returncode == 0, unchanged.stdout
    assert unchanged.stdout.splitlines() == [
        "1 finding in 1 file (critical: 1); 4 files checked.",
        "New code: 0 new, 1 already in the baseline.",
        "Quality gate: passed.",
    ]

    # A second RecLock in a new function is new code, and fails the gate alone.
    source.write_text(moved + LOCKING.replace("XYZC01", "XYZC02"), newline="\r\n")
    added = protheus_ci("check", "--baseline", baseline, "--format", "json", cwd=locking)
    assert added.returncode == 1
    report = json.loads(added.stdout)
    assert [(f["line"], f["new"]) for f in report["findings"]] == [(5, False), (9, True)]
    assert report["gate"]["new"] == 1 and report["gate"]["existing"] == 1
    assert "Quality gate: failed — critical: 1 (at most 0)." in added.stderr


@pytest.mark.parametrize("content", [None, "{}"])
def test_unusable_baseline_exits_2(locking: Path, content: str | None) -> None:
    baseline = locking / "baseline.json"
    if content is not None:
        baseline.write_text(content)
    result = protheus_ci("check", "--baseline", baseline, cwd=locking)
    assert result.returncode == 2
    assert "baseline.json" in result.stderr and result.stdout == ""


def test_brazilian_portuguese(locking: Path) -> None:
    result = protheus_ci("check", "--lang", "pt-BR", "--no-cache", cwd=locking)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "src/xyzc01.prw:2:5: TRN001 RecLock() não é seguido de MsUnlock() nesta função",
        "",
        "1 ocorrência em 1 arquivo (crítico: 1); 4 arquivos verificados.",
        "Quality gate: reprovado — crítico: 1 (máximo 0).",
    ]
    assert not (locking / ".protheus-ci").exists()


def test_sarif_is_valid_and_the_verdict_goes_to_stderr(locking: Path) -> None:
    result = protheus_ci("check", "--format", "sarif", cwd=locking)
    assert result.returncode == 1
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    (finding,) = log["runs"][0]["results"]
    assert finding["ruleId"] == "TRN001" and finding["level"] == "error"
    assert result.stderr.splitlines()[-1] == "Quality gate: failed — critical: 1 (at most 0)."


def test_junit_gitlab_and_html_reports(locking: Path) -> None:
    junit = protheus_ci("check", "--format", "junit", cwd=locking)
    suites = ET.fromstring(junit.stdout).findall("testsuite")
    assert [s.get("name") for s in suites] == ["Quality gate", "src/xyzc01.prw"]
    gitlab = protheus_ci("check", "--format", "gitlab", cwd=locking)
    assert [i["check_name"] for i in json.loads(gitlab.stdout)] == ["TRN001"]
    page = locking / "report.html"
    html = protheus_ci("check", "--format", "html", "--output", page, "--lang", "pt-BR", cwd=locking)
    assert (junit.returncode, gitlab.returncode, html.returncode) == (1, 1, 1)
    assert html.stdout == "" and "Quality gate: reprovado" in html.stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_progress_bar_on_a_terminal(locking: Path) -> None:
    assert EXE
    controller, terminal = pty.openpty()
    try:
        process = subprocess.run(
            [EXE, "check", "--no-cache"], cwd=locking, stdout=subprocess.PIPE, stderr=terminal, timeout=120
        )
    finally:
        os.close(terminal)
    shown = b""
    try:
        while chunk := os.read(controller, 4096):
            shown += chunk
    except OSError:  # EIO once the terminal side is closed and drained
        pass
    os.close(controller)
    assert process.returncode == 1
    assert b"Analyzing" in shown and b"100%" in shown


def test_a_file_named_in_cp1252_is_checked_and_named_readably(locking: Path) -> None:
    # Committed from Windows, the name is CP1252 bytes, not UTF-8: "xyzc02ção.prw".
    name = os.fsdecode(b"xyzc02\xe7\xe3o.prw")
    (locking / "src" / name).write_text(LOCKING.replace("XYZC01", "XYZC02"), newline="\r\n")
    for _ in range(2):  # cold, then from the cache keyed by the name's bytes
        result = protheus_ci("check", cwd=locking)
        assert result.returncode == 1, result.stdout + result.stderr
        assert f"src/xyzc02ção.prw:2:5: {TRN001_MESSAGE}" in result.stdout.splitlines()
        assert "5 files checked." in result.stdout
