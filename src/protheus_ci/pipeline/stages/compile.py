"""Compile: preprocess and compile the sources with the include folders from protheus-ci.toml."""

from __future__ import annotations

from protheus_ci.pipeline.stages import bridge
from protheus_ci.pipeline.stages.base import StageContext
from protheus_ci.pipeline.states import StageState


def run(ctx: StageContext) -> StageState:
    return bridge.run_hook(ctx, "compile", {"include": list(ctx.config.include)})
