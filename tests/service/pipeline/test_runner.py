"""A run executed by a worker, stage by stage, through the real queue."""

from __future__ import annotations

from run_helpers import MakeRun, load_run, stage_log
from service_helpers import drain
from sqlalchemy import select

from protheus_ci.analyzers.catalog import load_catalog
from protheus_ci.db.models import Finding, Run
from protheus_ci.pipeline import logs
from protheus_ci.pipeline.runner import RunExecutor
from protheus_ci.web.services import Services


def test_an_invalid_protheus_ci_toml_fails_the_run_with_a_clear_message(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"protheus-ci.toml": "[gate]\nmajor = 'many'\n", "A.prw": "Return\n"})
    drain(svc)
    state, stages, _ = load_run(svc, run_id)
    assert state == "failed"
    assert stages == {
        "version": "failed",
        "analyze": "skipped",
        "compile": "skipped",
        "package": "skipped",
        "publish": "skipped",
    }
    assert "[gate] major must be a count of findings" in stage_log(svc, run_id, "version")
    assert "not run: the run is failed" in stage_log(svc, run_id, "analyze")


def test_a_valid_protheus_ci_toml_drives_publish(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"protheus-ci.toml": '[publish]\nmain = "homologation"\n', "A.prw": "Return\n"})
    drain(svc)
    _, stages, _ = load_run(svc, run_id)
    # The tenant has no such environment: see test_compile_publish_stages.py for the rest.
    assert stages["publish"] == "failed"
    publish_log = stage_log(svc, run_id, "publish")
    assert "main publishes to homologation" in publish_log
    assert "environment 'homologation' does not exist" in publish_log


def test_a_source_that_does_not_parse_fails_analyze_with_a_finding(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"src/ok.prw": "User Function Ok()\nReturn .T.\n", "src/BAD.TLPP": "User Function (((\n"})
    drain(svc)
    state, stages, _ = load_run(svc, run_id)
    assert (state, stages["analyze"]) == ("failed", "failed")
    assert "src/BAD.TLPP:1:" in stage_log(svc, run_id, "analyze")
    assert "quality gate failed: critical 1 > 0" in stage_log(svc, run_id, "analyze")
    with svc.database.session() as session:
        rows = session.scalars(select(Finding).where(Finding.run_id == run_id, Finding.code == "SYN001"))
        assert [(f.path, f.line, f.severity) for f in rows] == [("src/BAD.TLPP", 1, "critical")]


def test_the_quality_gate_and_excludes_come_from_protheus_ci_toml(svc: Services, make_run: MakeRun) -> None:
    config = '[analyzer]\nexclude = ["vendor/*"]\n[gate]\ncritical = 1\n'
    broken = "User Function (((\n"
    run_id = make_run({"protheus-ci.toml": config, "a.prw": broken, "vendor/b.prw": broken})
    drain(svc)
    assert load_run(svc, run_id)[1]["analyze"] == "success"
    assert "quality gate passed" in stage_log(svc, run_id, "analyze")
    with svc.database.session() as session:
        rows = session.execute(select(Finding.path, Finding.code).where(Finding.run_id == run_id))
        # Excludes are the analyzer's: the compile stage still builds vendor code (C2001).
        analyzed = {path for path, code in rows if code in load_catalog().codes}
    assert analyzed == {"a.prw"}


def test_a_run_is_executed_once_even_if_enqueued_twice(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    svc.queue.enqueue_run(run_id)
    drain(svc)
    with svc.database.session() as session:
        lines = logs.stage_text(session, run_id, "version")
    assert lines.count("checking out") == 1


def test_a_crash_inside_a_stage_is_an_error_not_a_failure(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    # The commit named by the run is not in the repository: git fails in the version stage.
    with svc.database.sessions.begin() as session:
        session.get_one(Run, run_id).commit_sha = "f" * 40
    drain(svc)
    state, stages, _ = load_run(svc, run_id)
    assert (state, stages["version"]) == ("error", "error")
    assert "cannot check out the commit" in stage_log(svc, run_id, "version")


def test_an_unexpected_exception_is_logged_with_its_traceback(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({"A.prw": "Return\n"})
    svc.queue.huey.dequeue()
    broken = RunExecutor(svc.database.sessions, svc.settings, notify=None)
    # A work folder that is a file makes the checkout raise inside the stage.
    svc.settings.work_dir.mkdir(parents=True, exist_ok=True)
    (svc.settings.work_dir / f"run-{run_id}").write_text("in the way")
    assert broken.execute(run_id, "test-worker") is not None
    state, stages, _ = load_run(svc, run_id)
    assert (state, stages["version"]) == ("error", "error")
    assert "Traceback" in stage_log(svc, run_id, "version")
