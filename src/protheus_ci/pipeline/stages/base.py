"""What every stage receives and returns. A stage is a module with a ``run`` function
meeting ``StageFunction``; ``stages/__init__.py`` lists them in order."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from protheus_ci.artifacts.manifest import NOT_EVALUATED
from protheus_ci.compiler_bridge.types import CompileResult
from protheus_ci.config import Settings
from protheus_ci.pipeline.config import PipelineConfig
from protheus_ci.pipeline.states import StageState


@dataclasses.dataclass(frozen=True)
class FindingRecord:
    path: str
    line: int
    column: int
    code: str
    severity: str
    message: str


@dataclasses.dataclass(frozen=True)
class RunTarget:
    """The revision a run builds, and where it lives."""

    run_id: int
    tenant: str
    repository: str
    forge: str
    repository_path: Path
    ref: str
    before_sha: str
    commit_sha: str
    remote_url: str
    remote_username: str
    remote_password: str = dataclasses.field(repr=False)
    pushed_by: str = ""

    @property
    def branch(self) -> str | None:
        prefix = "refs/heads/"
        return self.ref[len(prefix) :] if self.ref.startswith(prefix) else None


@dataclasses.dataclass
class StageContext:
    settings: Settings
    target: RunTarget
    workdir: Path
    log: Callable[[str], None]
    add_finding: Callable[[FindingRecord], None]
    is_canceled: Callable[[], bool]
    # Filled in by the version stage for the stages after it.
    config: PipelineConfig = dataclasses.field(default_factory=PipelineConfig)
    changed_files: list[str] = dataclasses.field(default_factory=list)
    # The quality gate's verdict, recorded in the artifact's manifest, when analyze evaluates one.
    quality_gate: str = NOT_EVALUATED
    # Filled in by compile, for package.
    compile_result: CompileResult | None = None
    # Filled in by package, for publish.
    artifact_path: Path | None = None
    artifact_digest: str = ""


class StageFunction(Protocol):
    def __call__(self, ctx: StageContext) -> StageState: ...
