"""`protheus-ci check`'s engine room: find the sources, reuse cached results,
analyze the rest (in parallel when asked), then run the project-wide checks."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from protheus_ci.analyzers.cache import ResultCache, cache_key, content_digest
from protheus_ci.analyzers.catalog import RULE_FAILED, UNREADABLE, Catalog, load_catalog
from protheus_ci.analyzers.config import AnalyzerConfig
from protheus_ci.analyzers.discovery import UnreadablePath, discover
from protheus_ci.analyzers.engine import (
    FileAnalysis,
    analyze_project,
    analyze_source,
    enabled_codes,
    severity_for,
)
from protheus_ci.analyzers.findings import Finding, fingerprint
from protheus_ci.analyzers.language import dialect_for
from protheus_ci.analyzers.project import ProjectIndex
from protheus_ci.analyzers.sources import SourceText, readable_path


@dataclass(slots=True)
class AnalysisResult:
    root: Path
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    analyzed: int = 0
    cached: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class _Job:
    path: Path
    display: str
    key: str


def display_path(path: Path, root: Path) -> str:
    """The path relative to the root when it is inside it, else absolute: findings
    name files the same way whatever folder the command ran from, in readable text
    whatever bytes the name is made of (``readable_path``)."""
    return readable_path(_relative_path(path, root))


def _relative_path(path: Path, root: Path) -> str:
    try:
        # The common case, files found below the root as given: no filesystem call.
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    resolved = path.resolve()
    try:
        return resolved.relative_to(root.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def _analyze_jobs(jobs: list[_Job], config: AnalyzerConfig) -> list[tuple[str, FileAnalysis]]:
    catalog = load_catalog()
    enabled = enabled_codes(catalog, config)
    results = []
    for job in jobs:
        try:
            source = SourceText(job.path, job.path.read_bytes())
            analysis = analyze_source(source, job.display, dialect_for(job.path), catalog, config, enabled)
        except Exception as error:  # a bug of ours on one file must not stop the run
            failure = {"rule": "engine", "error": f"{type(error).__name__}: {error}"}
            analysis = FileAnalysis(job.display, [_file_finding(RULE_FAILED, job.display, failure, catalog, config)])
        results.append((job.key, analysis))
    return results


def _file_finding(code: str, path: str, args: dict[str, str], catalog: Catalog, config: AnalyzerConfig) -> Finding:
    """A finding about a whole file that the engine could not analyze."""
    return Finding(
        code=code,
        path=path,
        line=1,
        column=1,
        end_line=1,
        end_column=1,
        severity=severity_for(code, catalog, config),
        args=args,
        fingerprint=fingerprint(code, path, "", "", 1),
    )


def _batches(jobs: list[_Job], size: int) -> list[list[_Job]]:
    return [jobs[i : i + size] for i in range(0, len(jobs), size)]


def run_analysis(
    paths: list[Path],
    config: AnalyzerConfig,
    root: Path,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> AnalysisResult:
    """Analyze `paths`; `progress` hears how many more files are done as they finish."""
    started = time.perf_counter()
    catalog = load_catalog()
    enabled = enabled_codes(catalog, config)
    result = AnalysisResult(root=root)
    found, unreadable = discover(paths)
    cache = ResultCache(cache_dir) if cache_dir else None
    version = catalog.version + config.fingerprint()

    pending: list[_Job] = []
    for path in found:
        shown = display_path(path, root)
        if config.is_excluded(shown):
            continue
        try:
            digest = cache.digest_of(path)[0] if cache else content_digest(path.read_bytes())
        except OSError as error:
            unreadable.append(UnreadablePath(path, error.strerror or str(error)))
            continue
        pending.append(_Job(path, shown, cache_key(version, shown, dialect_for(path).value, digest)))
    result.files = len(pending)

    with _bulk_allocation():
        analyses: dict[str, FileAnalysis] = cache.get_many([j.key for j in pending]) if cache else {}
    result.cached = len(analyses)
    todo = [j for j in pending if j.key not in analyses]
    if progress and result.cached:
        progress(result.cached)
    fresh: list[tuple[str, FileAnalysis]] = []
    batches = _batches(todo, 25)
    # Starting worker processes costs about half a second: not worth it for one batch.
    if jobs > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_analyze_jobs, batch, config) for batch in batches]
            for future in futures:
                batch_result = future.result()
                fresh.extend(batch_result)
                if progress:
                    progress(len(batch_result))
    else:
        for batch in batches:
            batch_result = _analyze_jobs(batch, config)
            fresh.extend(batch_result)
            if progress:
                progress(len(batch_result))
    analyses.update(fresh)
    result.analyzed = len(fresh)
    if cache:
        cache.put_many(fresh)
        cache.close()

    with _bulk_allocation():
        index = ProjectIndex(
            root=root, settings={"customer_prefix": config.customer_prefix, "include_dirs": config.include_dirs}
        )
        for job in pending:
            analysis = analyses[job.key]
            result.findings.extend(analysis.findings)
            if analysis.summary is not None:
                index.add(analysis.summary)
        result.findings.extend(analyze_project(index, catalog, config, enabled))
        if UNREADABLE in enabled:
            for problem in unreadable:
                shown = display_path(problem.path, root)
                result.findings.append(_file_finding(UNREADABLE, shown, {"reason": problem.reason}, catalog, config))
        result.findings.sort(key=lambda f: (f.path, f.line, f.column, f.code))
    result.seconds = time.perf_counter() - started
    return result


@contextmanager
def _bulk_allocation() -> Iterator[None]:
    """Rebuilding the cached findings of a whole project creates hundreds of
    thousands of objects that hold no reference cycles; the cyclic garbage
    collector, run again and again while they pile up, cost half of a warm run."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, 8))
