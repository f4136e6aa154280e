"""Package: the signed, versioned artifact of this build, kept in the data folder for publish.

The build number is the run id, so an artifact names the run that made it. Artifacts live
under ``<data>/tenants/<tenant>/artifacts/<repository>/``, beside the tenant's environments.
"""

from __future__ import annotations

from pathlib import Path

from protheus_ci.artifacts import BuildInfo, build_package, service_key
from protheus_ci.pipeline.stages.base import RunTarget, StageContext
from protheus_ci.pipeline.states import StageState


def run(ctx: StageContext) -> StageState:
    result = ctx.compile_result
    if result is None:
        ctx.log("nothing was compiled: no artifact / nada foi compilado: nenhum artefato")
        return StageState.SKIPPED
    target = ctx.target
    data = ctx.settings.data_dir
    info = BuildInfo(
        tenant=target.tenant,
        repository=_repository_url(ctx),
        commit=target.commit_sha,
        build_number=target.run_id,
        quality_gate=ctx.quality_gate,
        run_id=str(target.run_id),
    )
    path = _artifact_path(data, target)
    digest = build_package(result, info, service_key(data), path)
    ctx.artifact_path, ctx.artifact_digest = path, digest
    ctx.log(
        f"artifact {path.name}: {len(result.units)} unit(s), build {target.run_id}, "
        f"quality gate {ctx.quality_gate}, sha256:{digest}"
    )
    return StageState.SUCCESS


def _artifact_path(data: Path, target: RunTarget) -> Path:
    return data / "tenants" / target.tenant / "artifacts" / target.repository / f"build-{target.run_id}.zip"


def _repository_url(ctx: StageContext) -> str:
    """Where the commit can be fetched: the provenance names it as the build's source."""
    target = ctx.target
    if target.forge != "hosted":
        return target.remote_url
    return f"{ctx.settings.public_url.rstrip('/')}/git/{target.tenant}/{target.repository}.git"
