"""compile → package → publish in real runs: the compiler bridge, signed artifacts and the
tenant's environments, driven by the repository's protheus-ci.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from run_helpers import MakeRun, load_run, stage_log
from service_helpers import drain
from sqlalchemy import select, update

from protheus_ci.artifacts import read_manifest
from protheus_ci.cli.main import cli
from protheus_ci.config import Settings
from protheus_ci.db.models import Finding, Run
from protheus_ci.environments import EnvironmentKind, EnvironmentStore, create_environment
from protheus_ci.pipeline import config
from protheus_ci.pipeline.stages import compile as compile_stage
from protheus_ci.pipeline.stages.base import FindingRecord, RunTarget, StageContext
from protheus_ci.pipeline.states import StageState
from protheus_ci.web.services import Services

SOURCES = {
    "include/totals.ch": "#define TOTAL 42\n",
    "src/FAT001.prw": '#include "totals.ch"\nUser Function FAT001()\nReturn TOTAL\n',
    "src/FAT002.prw": "User Function FAT002()\nReturn .T.\n",
}


def _artifact(svc: Services, run_id: int) -> Path:
    return svc.settings.data_dir / "tenants" / "acme" / "artifacts" / "erp" / f"build-{run_id}.zip"


def _commit(svc: Services, run_id: int) -> str:
    with svc.database.session() as session:
        return session.get_one(Run, run_id).commit_sha


def test_a_valid_repository_compiles_and_packages_a_verifiable_artifact(
    svc: Services, make_run: MakeRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_id = make_run({**SOURCES, "protheus-ci.toml": '[publish]\ndevelop = "homologation"\n'})
    drain(svc)
    state, stages, _ = load_run(svc, run_id)
    assert (state, stages["compile"], stages["package"]) == ("success", "success", "success")
    assert "2 source(s): 0 error(s), 0 warning(s); 2 compiled, 0 from the cache" in stage_log(svc, run_id, "compile")

    artifact = _artifact(svc, run_id)
    monkeypatch.setenv("PROTHEUS_CI_DATA_DIR", str(svc.settings.data_dir))
    verified = CliRunner().invoke(cli, ["verify", str(artifact)], catch_exceptions=False)
    assert verified.exit_code == 0, verified.output
    digest = verified.output.split("OK sha256:")[1].split()[0]
    assert f"sha256:{digest}" in stage_log(svc, run_id, "package")
    manifest = read_manifest(artifact)
    assert (manifest["tenant"], manifest["commit"], manifest["buildNumber"], manifest["runId"]) == (
        "acme",
        _commit(svc, run_id),
        run_id,
        str(run_id),
    )
    assert manifest["repository"].endswith("/git/acme/erp.git")
    assert manifest["backend"]["name"] == "builtin"
    assert [source["path"] for source in manifest["sources"]] == ["src/FAT001.prw", "src/FAT002.prw"]
    assert all(len(source["sha256"]) == 64 for source in manifest["sources"])
    assert {f["name"] for f in manifest["symbols"]["functions"]} == {"U_FAT001", "U_FAT002"}
    assert (manifest["diagnostics"]["error"], manifest["qualityGate"]) == (0, "passed")

    # The branch maps to no environment.
    assert stages["publish"] == "skipped"
    assert "refs/heads/main publishes to no environment" in stage_log(svc, run_id, "publish")


def test_a_missing_include_fails_compile_and_the_next_run_recompiles_only_what_changed(
    svc: Services, make_run: MakeRun
) -> None:
    broken = {**SOURCES, "src/FAT001.prw": '#include "missing.ch"\n' + SOURCES["src/FAT001.prw"]}
    first = make_run(broken)
    drain(svc)
    state, stages, _ = load_run(svc, first)
    assert (state, stages["compile"], stages["package"], stages["publish"]) == (
        "failed",
        "failed",
        "skipped",
        "skipped",
    )
    assert "FAT001.PRW(1) C2090 File not found MISSING.CH" in stage_log(svc, first, "compile")
    with svc.database.session() as session:
        [finding] = session.scalars(select(Finding).where(Finding.run_id == first, Finding.code == "C2090"))
        assert (finding.path, finding.line, finding.severity) == ("src/FAT001.prw", 1, "error")
    assert not _artifact(svc, first).exists()

    # Adding the header fixes FAT001; FAT002, unchanged, comes from the first run's cache.
    second = make_run({"include/missing.ch": "#define UNUSED 1\n"})
    drain(svc)
    assert load_run(svc, second)[1]["compile"] == "success"
    assert "1 compiled, 1 from the cache" in stage_log(svc, second, "compile")


def test_a_branch_mapped_to_an_environment_publishes_the_artifact(svc: Services, make_run: MakeRun) -> None:
    data = svc.settings.data_dir
    create_environment(data, "acme", "production", EnvironmentKind.PRODUCTION)
    run_id = make_run({**SOURCES, "protheus-ci.toml": '[publish]\nmain = "production"\n'})
    with svc.database.sessions.begin() as session:
        session.execute(update(Run).where(Run.id == run_id).values(pushed_by="ana"))
    drain(svc)
    state, stages, _ = load_run(svc, run_id)
    assert (state, stages["publish"]) == ("success", "success")
    store = EnvironmentStore(data, "acme", "production")
    current = store.current()
    assert current is not None
    assert f"sha256:{current.digest}" in stage_log(svc, run_id, "package")
    assert (current.commit, current.build_number) == (_commit(svc, run_id), run_id)
    [entry] = store.history()
    assert (entry["action"], entry["run"], entry["who"], entry["ref"]) == (
        "publish",
        str(run_id),
        "ana",
        "refs/heads/main",
    )
    assert f"production: release {current.id} is now current" in stage_log(svc, run_id, "publish")


def test_a_branch_mapped_to_a_missing_environment_fails_publish(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({**SOURCES, "protheus-ci.toml": '[publish]\nmain = "production"\n'})
    drain(svc)
    state, stages, _ = load_run(svc, run_id)
    assert (state, stages["package"], stages["publish"]) == ("failed", "success", "failed")
    log = stage_log(svc, run_id, "publish")
    assert "environment 'production' does not exist for tenant acme" in log
    assert "o ambiente 'production' não existe para o cliente acme" in log


def _context(tmp_path: Path, toml: str) -> tuple[StageContext, list[str], list[FindingRecord]]:
    """A compile stage context without a run: for the refusals that happen before compiling."""
    workdir = tmp_path / "checkout"
    (workdir / "src").mkdir(parents=True)
    (workdir / "src" / "FAT002.prw").write_text(SOURCES["src/FAT002.prw"])
    lines: list[str] = []
    findings: list[FindingRecord] = []
    target = RunTarget(1, "acme", "erp", "hosted", tmp_path / "erp.git", "refs/heads/main", "", "0" * 40, "", "", "")
    ctx = StageContext(
        Settings(data_dir=tmp_path / "data"),
        target,
        workdir,
        lines.append,
        findings.append,
        lambda: False,
        config=config.parse(toml),
    )
    return ctx, lines, findings


def test_tdscli_without_an_appserver_fails_compile_clearly(tmp_path: Path) -> None:
    ctx, lines, _ = _context(tmp_path, '[compile]\nbackend = "tdscli"\n')
    assert compile_stage.run(ctx) is StageState.FAILED
    assert "asks for the tdscli backend, but this service has no AppServer (PROTHEUS_CI_APPSERVER_SERVER" in lines[0]


def test_an_include_folder_outside_the_repository_is_refused(tmp_path: Path) -> None:
    ctx, lines, _ = _context(tmp_path, '[compile]\ninclude = ["include", "../..", "/etc"]\n')
    assert compile_stage.run(ctx) is StageState.FAILED
    assert lines == ["protheus-ci.toml: compile.include ../.., /etc leaves the repository / sai do repositório"]


def test_compile_backend_must_be_a_known_backend() -> None:
    assert config.parse('[compile]\nbackend = "tdscli"\n').backend == "tdscli"
    assert config.parse(None).backend == "builtin"
    with pytest.raises(config.PipelineConfigError, match=r"compile\.backend must be one of builtin, tdscli"):
        config.parse('[compile]\nbackend = "gcc"\n')
