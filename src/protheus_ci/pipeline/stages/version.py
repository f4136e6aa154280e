"""Version: bring the exact commit into a clean work folder and read protheus-ci.toml."""

from __future__ import annotations

from protheus_ci.gitstore import mirror, worktree
from protheus_ci.gitstore.bare import GitError, ensure_bare
from protheus_ci.pipeline import config
from protheus_ci.pipeline.stages.base import StageContext
from protheus_ci.pipeline.states import StageState


def run(ctx: StageContext) -> StageState:
    target = ctx.target
    git = ctx.settings.git_binary
    if target.forge != "hosted":
        # A mirror is created by its first fetch.
        ensure_bare(git, target.repository_path)
        ctx.log(f"fetching {target.ref} from the {target.forge} remote")
        try:
            mirror.fetch(
                git,
                target.repository_path,
                target.remote_url,
                target.ref,
                target.commit_sha,
                target.remote_username,
                target.remote_password,
            )
        except GitError as exc:
            ctx.log(f"cannot fetch the commit: {exc} / não foi possível buscar o commit")
            return StageState.ERROR
    ctx.log(f"checking out {target.commit_sha} ({target.ref})")
    try:
        worktree.export(git, target.repository_path, target.commit_sha, ctx.workdir)
        ctx.changed_files = worktree.changed_files(git, target.repository_path, target.before_sha, target.commit_sha)
    except GitError as exc:
        ctx.log(f"cannot check out the commit: {exc} / não foi possível extrair o commit")
        return StageState.ERROR
    ctx.log(f"{len(ctx.changed_files)} file(s) changed")
    config_file = ctx.workdir / config.FILE_NAME
    text = config_file.read_text(encoding="utf-8") if config_file.is_file() else None
    if text is None:
        ctx.log(f"no {config.FILE_NAME}: using the defaults / usando os padrões")
    try:
        ctx.config = config.parse(text)
    except config.PipelineConfigError as exc:
        ctx.log(str(exc))
        return StageState.FAILED
    return StageState.SUCCESS
