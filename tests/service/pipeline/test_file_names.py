"""A file whose committed name is CP1252 bytes (common from Windows) goes through every
stage and is named readably in findings, logs and the artifact."""

from __future__ import annotations

from run_helpers import MakeRun, load_run, stage_log
from service_helpers import drain
from sqlalchemy import select

from protheus_ci.artifacts import read_manifest
from protheus_ci.db.models import Finding
from protheus_ci.web.services import Services

# b"src/Relat\xf3rio.prw" as Python holds an undecodable file name.
CP1252_NAME = "src/Relat\udcf3rio.prw"
READABLE = "src/Relatório.prw"


def test_a_cp1252_file_name_runs_through_every_stage(svc: Services, make_run: MakeRun) -> None:
    run_id = make_run({CP1252_NAME: "User Function Relat()\r\nReturn Nil\r\n"})
    drain(svc)
    state, stages, _ = load_run(svc, run_id)
    assert state == "success", stages
    assert "1 file(s) changed" in stage_log(svc, run_id, "version")
    assert f"{READABLE}:1:15: DOC001" in stage_log(svc, run_id, "analyze")
    with svc.database.session() as session:
        assert set(session.scalars(select(Finding.path).where(Finding.run_id == run_id))) == {READABLE}
    artifact = svc.settings.data_dir / "tenants" / "acme" / "artifacts" / "erp" / f"build-{run_id}.zip"
    assert [source["path"] for source in read_manifest(artifact)["sources"]] == [READABLE]
