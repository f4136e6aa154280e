"""The stages of a run, in the order they run. One module per stage."""

from __future__ import annotations

from protheus_ci.pipeline.stages import analyze, compile, package, publish, version
from protheus_ci.pipeline.stages.base import StageFunction

PIPELINE: tuple[tuple[str, StageFunction], ...] = (
    ("version", version.run),
    ("analyze", analyze.run),
    ("compile", compile.run),
    ("package", package.run),
    ("publish", publish.run),
)
