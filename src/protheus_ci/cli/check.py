"""`protheus-ci check [PATH...]`: analyze sources, apply the quality gate, report.

Exit status, as ruff's: 0 when the gate passes, 1 when it fails, 2 for bad
usage, configuration or baseline, and for internal errors.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import ParamSpec

import click

from protheus_ci.analyzers.analysis import default_jobs, run_analysis
from protheus_ci.analyzers.catalog import load_catalog
from protheus_ci.analyzers.config import ConfigError, find_config, load_config
from protheus_ci.analyzers.discovery import discover
from protheus_ci.analyzers.gate import BaselineError, evaluate_gate, load_baseline
from protheus_ci.analyzers.reports.formats import FORMATS
from protheus_ci.analyzers.reports.i18n import t
from protheus_ci.analyzers.reports.text import verdict_lines
from protheus_ci.cli.rules import lang_option

P = ParamSpec("P")


class CheckError(click.ClickException):
    """A configuration, baseline or output problem: status 2, never mistaken for a failed gate."""

    exit_code = 2


def find_root(config: Path | None) -> tuple[Path, Path | None]:
    """The project root and its configuration file: the folder of `--config`, else the
    nearest folder from here up holding a configuration, without leaving the
    repository, else the current folder."""
    if config is not None:
        return config.resolve().parent, config
    here = Path.cwd()
    for folder in (here, *here.parents):
        found = find_config(folder)
        if found is not None:
            return folder, found
        if (folder / ".git").exists():
            break
    return here, None


def _selectors(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    """`SQL,TRN001` into ("SQL", "TRN001"), each checked against the catalog."""
    if value is None:
        return None
    codes = tuple(code.strip().upper() for code in value.split(",") if code.strip())
    known = load_catalog().codes
    for code in codes:
        if code != "ALL" and not any(k.startswith(code) for k in known):
            raise click.BadParameter(f"{code!r} matches no rule code (see `protheus-ci rules`)")
    return codes


@contextmanager
def _progress(paths: list[Path], lang: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for people at a terminal; nothing in pipes and CI logs."""
    if not sys.stderr.isatty():
        yield None
        return
    # The engine reports files done, not how many there are: count them first.
    total = len(discover(paths)[0])
    with click.progressbar(length=total, label=t(lang, "check.progress"), file=sys.stderr) as bar:
        yield bar.update


def _bugs_exit_2(command: Callable[P, None]) -> Callable[P, None]:
    """An unexpected exception is a bug of ours, not the customer's code: status 2
    as in ruff, never the failed gate's 1, with the traceback to report."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except click.ClickException:
            raise
        except Exception:
            click.echo(traceback.format_exc(), err=True, nl=False)
            raise CheckError("internal error; please report it with the traceback above") from None

    return run


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="protheus-ci.toml to use; its folder becomes the project root.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON report of an earlier check: only findings it lacks count for the gate.",
)
@click.option("--select", callback=_selectors, metavar="CODES", help="Rules to run (comma-separated prefixes).")
@click.option("--ignore", callback=_selectors, metavar="CODES", help="Rules to skip (comma-separated prefixes).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Parallel processes [default: CPUs, at most 8].")
@lang_option
@click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="[default: ROOT/.protheus-ci/cache]"
)
@click.option("--no-cache", is_flag=True, help="Analyze every file again, reading and writing no cache.")
@_bugs_exit_2
def check_command(
    paths: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    config_path: Path | None,
    baseline: Path | None,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...] | None,
    jobs: int | None,
    lang: str,
    cache_dir: Path | None,
    no_cache: bool,
) -> None:
    """Check ADVPL/TLPP sources (default: the current folder) and apply the quality gate.

    Exit status: 0 when the gate passes, 1 when it fails, 2 for bad usage,
    configuration or baseline, and for internal errors.
    """
    catalog = load_catalog()
    root, found = find_root(config_path)
    try:
        config = load_config(found, root, catalog.codes)
        known = load_baseline(baseline) if baseline else None
    except (ConfigError, BaselineError) as error:
        raise CheckError(str(error)) from None
    # Command-line selection replaces the configuration's, as in ruff.
    if select is not None:
        config = replace(config, select=select, extend_select=())
    if ignore is not None:
        config = replace(config, ignore=ignore)
    if not no_cache:
        cache_dir = cache_dir or root / ".protheus-ci" / "cache"
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CheckError(f"{cache_dir}: cannot create the cache folder: {error.strerror}") from None

    targets = list(paths) or [Path(".")]
    with _progress(targets, lang) as progress:
        result = run_analysis(
            targets,
            config,
            root,
            jobs=jobs or default_jobs(),
            cache_dir=None if no_cache else cache_dir,
            progress=progress,
        )
    gate = evaluate_gate(result.findings, config.gate, known)
    report = FORMATS[output_format](result, catalog, gate, lang)

    if output is None:
        click.echo(report, nl=False)
    else:
        try:
            output.write_text(report, encoding="utf-8")
        except OSError as error:
            raise CheckError(f"{output}: cannot write the report: {error.strerror}") from None
    if output is not None or output_format != "text":
        # The verdict, for whoever reads the CI log, when the report is a file or for machines.
        click.echo("\n".join(verdict_lines(result, gate, lang)), err=True)
    sys.exit(0 if gate.passed else 1)
