"""``protheus-ci compile``: compile sources, print diagnostics, optionally package them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from protheus_ci.artifacts import BuildInfo, build_package, service_key
from protheus_ci.compiler_bridge.backends import BACKENDS, get_backend
from protheus_ci.compiler_bridge.builtin.backend import BuiltinBackend
from protheus_ci.compiler_bridge.builtin.cache import CompileCache
from protheus_ci.compiler_bridge.types import CompilerBackend, CompilerBridgeError, CompileRequest
from protheus_ci.config import Settings
from protheus_ci.environments import EnvironmentStore, PublishError

SOURCE_SUFFIXES = {".prw", ".prx", ".tlpp", ".apw", ".aph", ".apl"}


def collect_sources(root: Path, paths: tuple[Path, ...]) -> list[str]:
    """Source files under ``paths`` (files or folders), relative to ``root``, sorted."""
    found: set[str] = set()
    for path in paths:
        candidates = path.rglob("*") if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.is_file() and candidate.suffix.lower() in SOURCE_SUFFIXES:
                resolved = candidate.resolve()
                if not resolved.is_relative_to(root):
                    raise click.UsageError(f"{candidate} is outside the root {root}")
                found.add(resolved.relative_to(root).as_posix())
    return sorted(found)


def _commit(root: Path) -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


@click.command("compile")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--backend", type=click.Choice(sorted(BACKENDS)), default="builtin", show_default=True)
@click.option(
    "--include",
    "includes",
    multiple=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Include folder (repeatable).",
)
@click.option("--define", "defines", multiple=True, metavar="NAME[=VALUE]", help="Predefined #define.")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Repository root; sources are named relative to it.",
)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write a signed package.")
@click.option("--tenant", envvar="PROTHEUS_CI_TENANT", default="default", show_default=True)
@click.option("--repository", default="", help="Repository URL for the manifest (default: the root).")
@click.option("--build-number", type=int, default=0)
@click.option(
    "--env", "env_name", default=None, help="Also check against this environment's published functions."
)
def compile_command(
    paths: tuple[Path, ...],
    backend: str,
    includes: tuple[Path, ...],
    defines: tuple[str, ...],
    root: Path,
    output: Path | None,
    tenant: str,
    repository: str,
    build_number: int,
    env_name: str | None,
) -> None:
    """Compile PATH... (files or folders); exit 1 on compile errors."""
    root = root.resolve()
    data = Settings.load().data_dir
    sources = collect_sources(root, paths)
    if not sources:
        raise click.UsageError("no ADVPL/TLPP sources found")
    compiler: CompilerBackend = (
        BuiltinBackend(CompileCache(data / "cache" / "compile"))
        if backend == "builtin"
        else get_backend(backend)
    )
    pairs = (d.partition("=") for d in defines)
    try:
        published = EnvironmentStore(data, tenant, env_name).published_functions() if env_name else {}
    except PublishError as exc:
        raise click.UsageError(str(exc)) from exc
    request = CompileRequest(
        root, sources, list(includes), {name: value for name, _, value in pairs}, published
    )
    try:
        result = compiler.compile(request)
    except CompilerBridgeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    for diagnostic in result.diagnostics:
        click.echo(diagnostic.render())
    counts = result.counts()
    click.echo(
        f"{len(sources)} sources: {counts['error']} errors, {counts['warning']} warnings "
        f"({result.backend} {result.backend_version})",
        err=True,
    )
    if output is not None and result.ok:
        info = BuildInfo(tenant, repository or root.as_uri(), _commit(root), build_number)
        digest = build_package(result, info, service_key(data), output)
        click.echo(f"{output} sha256:{digest}", err=True)
    if not result.ok:
        sys.exit(1)
