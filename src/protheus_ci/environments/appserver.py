"""Applying a release to an AppServer target: advpls ``patchValidate`` then ``patchApply``.

Runs before the environment's ``current`` pointer moves: if the AppServer refuses the
patch, the release is not recorded as current.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path, PurePosixPath

from protheus_ci.artifacts import read_units
from protheus_ci.compiler_bridge.tdscli.ini_script import Section, ValueKind
from protheus_ci.compiler_bridge.tdscli.runner import TdsCliConfig, run_script
from protheus_ci.compiler_bridge.types import CompilerBridgeError
from protheus_ci.environments.model import Environment, PublishError


def apply_to_appserver(environment: Environment, package: Path, config: TdsCliConfig | None = None) -> None:
    base = config or TdsCliConfig.from_environment()
    target = replace(
        base,
        server=environment.appserver.get("server") or base.server,
        port=environment.appserver.get("port") or base.port,
        environment=environment.appserver.get("environment") or base.environment,
    )
    with tempfile.TemporaryDirectory(prefix="protheus-ci-advpls-") as folder:
        work = Path(folder)
        units = {name: data for name, data in read_units(package).items() if name.lower().endswith(".ptm")}
        if not units:
            raise PublishError("this release holds no .ptm patch: only tdscli builds can go to an AppServer")
        patches = []
        for number, name in enumerate(sorted(units)):
            patch = work / f"{number:03d}-{PurePosixPath(name).name}"
            patch.write_bytes(units[name])
            patches.append(patch)
        sections: list[Section] = []
        for number, patch in enumerate(patches):
            values = {"patchFile": (str(patch), ValueKind.PATH), "localPatch": ("T", ValueKind.TEXT)}
            sections.append(Section(f"validate{number}", "patchValidate", values))
            sections.append(
                Section(f"apply{number}", "patchApply", {**values, "applyOldProgram": ("F", ValueKind.TEXT)})
            )
        try:
            parsed = run_script(target, sections, work)
        except CompilerBridgeError as exc:
            raise PublishError(str(exc)) from exc
    if parsed.batch_error is not None or parsed.aborted:
        raise PublishError(f"AppServer refused the patch (tdscli batch error {parsed.batch_error})")
