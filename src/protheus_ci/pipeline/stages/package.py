"""Package: build the versioned artifact of this commit."""

from __future__ import annotations

from protheus_ci.pipeline.stages import bridge
from protheus_ci.pipeline.stages.base import StageContext
from protheus_ci.pipeline.states import StageState


def run(ctx: StageContext) -> StageState:
    return bridge.run_hook(ctx, "package", {"commit": ctx.target.commit_sha, "ref": ctx.target.ref})
