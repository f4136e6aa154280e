"""The release commands end to end: compile, verify, publish, rollback, env create/promote."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from protheus_ci.cli.main import cli


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("PROTHEUS_CI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PROTHEUS_CI_TENANT", "acme")
    monkeypatch.setenv("PROTHEUS_CI_ACTOR", "maria")
    return CliRunner()


def _invoke(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args), catch_exceptions=False)


def _source(tmp_path: Path, text: str) -> Path:
    root = tmp_path / "repo"
    root.mkdir(exist_ok=True)
    (root / "fat001.prw").write_bytes(f"User Function FAT001()\r\nReturn '{text}'\r\n".encode())
    return root


def _build(runner: CliRunner, tmp_path: Path, text: str) -> Path:
    root = _source(tmp_path, text)
    output = tmp_path / f"{text}.zip"
    result = _invoke(runner, "compile", str(root), "--root", str(root), "--output", str(output))
    assert result.exit_code == 0, result.output
    return output


def test_compile_errors_exit_1_in_the_compiler_message_shape(runner: CliRunner, tmp_path: Path) -> None:
    root = _source(tmp_path, "x")
    (root / "bad.prw").write_bytes(b'#include "nothere.ch"\r\n@Get("/x")\r\n')
    output = tmp_path / "never.zip"
    result = _invoke(runner, "compile", str(root), "--root", str(root), "--output", str(output))
    assert result.exit_code == 1
    assert "BAD.PRW(1) C2090 File not found NOTHERE.CH" in result.output
    assert "BAD.PRW(2) C9907 Invalid use of Annotation in ADVPL source file" in result.output
    assert not output.exists()


def test_verify_accepts_our_package_and_refuses_a_corrupted_one(runner: CliRunner, tmp_path: Path) -> None:
    package = _build(runner, tmp_path, "v1")
    result = _invoke(runner, "verify", str(package))
    assert result.exit_code == 0
    assert "OK sha256:" in result.output
    with zipfile.ZipFile(package) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    files["units.tar"] += b"x"
    with zipfile.ZipFile(package, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    refused = _invoke(runner, "verify", str(package))
    assert refused.exit_code == 1
    assert "corrupted" in refused.output


def test_publish_rollback_promote_and_clone(runner: CliRunner, tmp_path: Path) -> None:
    assert _invoke(runner, "env", "create", "hml", "--kind", "homologation").exit_code == 0
    assert _invoke(runner, "env", "create", "prd", "--kind", "production").exit_code == 0
    v1 = _build(runner, tmp_path, "v1")
    v2 = _build(runner, tmp_path, "v2")
    assert "published release" in _invoke(runner, "publish", str(v1), "--env", "hml", "--run", "r1").output
    assert "already current" in _invoke(runner, "publish", str(v1), "--env", "hml").output
    assert _invoke(runner, "publish", str(v2), "--env", "hml").exit_code == 0
    rolled = _invoke(runner, "rollback", "--env", "hml")
    assert rolled.exit_code == 0 and "now on release" in rolled.output
    promoted = _invoke(runner, "env", "promote", "hml", "prd")
    assert promoted.exit_code == 0, promoted.output
    clone = _invoke(runner, "env", "create", "tst", "--kind", "test", "--from", "prd")
    assert clone.exit_code == 0 and "on release" in clone.output
    listing = _invoke(runner, "env", "list").output.splitlines()
    releases = {line.split("\t")[0]: line.split("\t")[2] for line in listing}
    assert releases["hml"] == releases["prd"] == releases["tst"]
    history = [json.loads(line) for line in _invoke(runner, "env", "history", "hml").output.splitlines()]
    assert [e["action"] for e in history] == ["publish", "publish", "rollback"]
    assert history[0]["who"] == "maria" and history[0]["run"] == "r1"


def test_refusals_exit_1_with_a_reason(runner: CliRunner, tmp_path: Path) -> None:
    package = _build(runner, tmp_path, "v1")
    missing = _invoke(runner, "publish", str(package), "--env", "nope")
    assert missing.exit_code == 1 and "no environment 'nope'" in missing.output
    assert _invoke(runner, "env", "create", "dev", "--kind", "development").exit_code == 0
    empty = _invoke(runner, "rollback", "--env", "dev")
    assert empty.exit_code == 1 and "no release yet" in empty.output
    bad_target = _invoke(runner, "rollback", "--env", "dev", "--to", "ffff")
    assert bad_target.exit_code == 1


def test_compile_checks_functions_already_published_in_the_environment(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert _invoke(runner, "env", "create", "hml", "--kind", "homologation").exit_code == 0
    assert _invoke(runner, "publish", str(_build(runner, tmp_path, "v1")), "--env", "hml").exit_code == 0
    other = tmp_path / "other"
    other.mkdir()
    (other / "outro.prw").write_bytes(b"User Function FAT001()\r\nReturn\r\n")
    result = _invoke(runner, "compile", str(other), "--root", str(other), "--env", "hml")
    assert result.exit_code == 1
    assert (
        "OUTRO.PRW(1) PCI013 Function U_FAT001 is already in the environment, compiled from fat001.prw"
        in (result.output)
    )
