"""The hook points where ``protheus_ci.compiler_bridge`` plugs into the pipeline.

Contract: ``protheus_ci.compiler_bridge.pipeline_hooks`` may define ``compile``,
``package`` and ``publish``, each ``(workdir: Path, options: dict, log) -> bool`` (True
when the stage passed). Until a function exists, its stage ends ``skipped`` and says so
in its log: never a fake success.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from pathlib import Path

from protheus_ci.pipeline.stages.base import StageContext
from protheus_ci.pipeline.states import StageState

HOOK_MODULE = "protheus_ci.compiler_bridge.pipeline_hooks"

BridgeHook = Callable[[Path, Mapping[str, object], Callable[[str], None]], bool]


def lookup(stage: str) -> BridgeHook | None:
    try:
        module = importlib.import_module(HOOK_MODULE)
    except ImportError:
        return None
    hook: BridgeHook | None = getattr(module, stage, None)
    return hook


def run_hook(ctx: StageContext, stage: str, options: Mapping[str, object]) -> StageState:
    hook = lookup(stage)
    if hook is None:
        ctx.log(f"stage not available yet: {stage} / etapa ainda não disponível: {stage}")
        return StageState.SKIPPED
    return StageState.SUCCESS if hook(ctx.workdir, options, ctx.log) else StageState.FAILED
