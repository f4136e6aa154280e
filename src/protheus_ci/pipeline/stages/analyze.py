"""Analyze: the rule catalog over the run's sources, the quality gate on the findings
this push adds, and the reports reviewers read (JSON, SARIF, HTML in two languages)."""

from __future__ import annotations

from protheus_ci.analyzers.analysis import run_analysis
from protheus_ci.analyzers.catalog import load_catalog
from protheus_ci.analyzers.gate import BaselineError, evaluate_gate, load_baseline
from protheus_ci.analyzers.reports.formats import FORMATS
from protheus_ci.pipeline.reports import REPORT_FILES, baseline_file, run_folder, write_atomically
from protheus_ci.pipeline.stages.base import FindingRecord, StageContext
from protheus_ci.pipeline.states import StageState


def run(ctx: StageContext) -> StageState:
    settings, target = ctx.settings, ctx.target
    config = ctx.config.analyzer
    catalog = load_catalog()
    cache = settings.data_dir / "cache" / "analysis" / target.tenant / target.repository
    ctx.log(f"checking {ctx.workdir.name} with {len(catalog.meta)} rules / verificando com {len(catalog.meta)} regras")
    result = run_analysis([ctx.workdir], config, root=ctx.workdir, cache_dir=cache)
    ctx.log(f"{result.files} file(s), {result.cached} from cache, {len(result.findings)} finding(s)")

    baseline_path = baseline_file(settings.data_dir, target.tenant, target.repository, target.ref)
    baseline = None
    if baseline_path.is_file():
        try:
            baseline = load_baseline(baseline_path)
        except BaselineError as error:
            ctx.log(f"baseline ignored: {error} / baseline ignorado")
    gate = evaluate_gate(result.findings, config.gate, baseline)
    ctx.quality_gate = "passed" if gate.passed else "failed"

    for finding in result.findings:
        if ctx.is_canceled():
            return StageState.CANCELED
        message = catalog.meta[finding.code].message("en", finding.args)
        ctx.add_finding(
            FindingRecord(finding.path, finding.line, finding.column, finding.code, finding.severity.value, message)
        )
        if gate.is_new(finding):
            ctx.log(f"{finding.path}:{finding.line}:{finding.column}: {finding.code} {message}")

    folder = run_folder(settings.data_dir, target.tenant, target.repository, target.run_id)
    for name, (report_format, lang, _media_type) in REPORT_FILES.items():
        write_atomically(folder / name, FORMATS[report_format](result, catalog, gate, lang))
    write_atomically(baseline_path, (folder / "report.json").read_text(encoding="utf-8"))

    mode = "new code / código novo" if gate.baseline else "all code / todo o código"
    counts = ", ".join(f"{severity.value} {count}" for severity, count in gate.counts.items() if count)
    ctx.log(f"quality gate ({mode}): {counts or 'no findings'}; {gate.new} new, {gate.existing} existing")
    if gate.passed:
        ctx.log("quality gate passed / quality gate aprovado")
        return StageState.SUCCESS
    failed = ", ".join(f"{s.value} {gate.counts[s]} > {gate.limits[s]}" for s in gate.failed)
    ctx.log(f"quality gate failed: {failed} / quality gate reprovado")
    return StageState.FAILED
