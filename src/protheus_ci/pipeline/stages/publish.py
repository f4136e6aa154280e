"""Publish: install the run's artifact in the environment its branch maps to in protheus-ci.toml.

``environments.publish`` does the work: it verifies the package, serializes on the
environment's lock, makes the new release current atomically, does nothing when that
digest is already current, and records the run in the environment's history.
"""

from __future__ import annotations

from protheus_ci.artifacts import ArtifactError, trusted_keys
from protheus_ci.environments import EnvironmentStore, PublishError, list_environments, publish
from protheus_ci.environments.appserver import apply_to_appserver
from protheus_ci.pipeline.stages.base import StageContext
from protheus_ci.pipeline.states import StageState


def run(ctx: StageContext) -> StageState:
    target = ctx.target
    branch = target.branch
    name = ctx.config.publish.get(branch) if branch else None
    if name is None:
        ctx.log(f"{target.ref} publishes to no environment / não publica em nenhum ambiente")
        return StageState.SKIPPED
    if ctx.artifact_path is None:
        ctx.log("no artifact to publish / nenhum artefato para publicar")
        return StageState.SKIPPED
    ctx.log(f"{branch} publishes to {name}: sha256:{ctx.artifact_digest}")
    data = ctx.settings.data_dir
    try:
        if name not in {environment.name for environment in list_environments(data, target.tenant)}:
            ctx.log(
                f"environment {name!r} does not exist for tenant {target.tenant}: create it or change [publish]"
                f" / o ambiente {name!r} não existe para o cliente {target.tenant}: crie-o ou altere [publish]"
            )
            return StageState.FAILED
        outcome = publish(
            EnvironmentStore(data, target.tenant, name),
            ctx.artifact_path,
            trusted_keys(data),
            str(target.run_id),
            apply_to_appserver,
            # Who pushed what is now published; the run stands in when the forge did not say.
            who=target.pushed_by or f"pipeline run {target.run_id}",
            ref=target.ref,
        )
    except (ArtifactError, PublishError) as exc:
        ctx.log(f"publish refused / publicação recusada: {exc}")
        return StageState.FAILED
    release = outcome.release
    if outcome.changed:
        ctx.log(f"{name}: release {release.id} is now current / agora é a versão corrente")
    else:
        ctx.log(f"{name}: release {release.id} was already current / já era a versão corrente")
    return StageState.SUCCESS
