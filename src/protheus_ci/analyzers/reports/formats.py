"""The `--format` names and the renderer behind each one."""

from __future__ import annotations

from collections.abc import Callable

from protheus_ci.analyzers.analysis import AnalysisResult
from protheus_ci.analyzers.catalog import Catalog
from protheus_ci.analyzers.gate import GateResult
from protheus_ci.analyzers.reports import gitlab, html_report, json_report, junit, sarif, text

#: A report from an analysis, the rule catalog, the gate's verdict and a language.
Renderer = Callable[[AnalysisResult, Catalog, GateResult, str], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_report.render,
    "sarif": sarif.render,
    "junit": junit.render,
    "gitlab": gitlab.render,
    "html": html_report.render,
}
