"""Publish: send the artifact to the environment the branch maps to in protheus-ci.toml."""

from __future__ import annotations

from protheus_ci.pipeline.stages import bridge
from protheus_ci.pipeline.stages.base import StageContext
from protheus_ci.pipeline.states import StageState


def run(ctx: StageContext) -> StageState:
    branch = ctx.target.branch
    environment = ctx.config.publish.get(branch) if branch else None
    if environment is None:
        ctx.log(f"{ctx.target.ref} publishes to no environment / não publica em nenhum ambiente")
        return StageState.SKIPPED
    ctx.log(f"{branch} publishes to {environment}")
    return bridge.run_hook(ctx, "publish", {"environment": environment, "commit": ctx.target.commit_sha})
