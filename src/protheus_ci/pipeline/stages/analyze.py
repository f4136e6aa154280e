"""Analyze: every ADVPL/TLPP source must parse. Rules come from ``protheus_ci.analyzers``
as that package grows; this stage's contract with it is ``parsing.parse_bytes``."""

from __future__ import annotations

import fnmatch
import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from protheus_ci.pipeline.stages.base import FindingRecord, StageContext
from protheus_ci.pipeline.states import StageState

SOURCE_SUFFIXES = frozenset({".prw", ".prx", ".tlpp", ".ch", ".th", ".aph", ".apw", ".apl"})
PARSE_ERROR_CODE = "parse-error"


def run(ctx: StageContext) -> StageState:
    parse_bytes = _parser()
    if parse_bytes is None:
        ctx.log("stage not available yet: the ADVPL/TLPP parser is not installed / etapa ainda indisponível")
        return StageState.SKIPPED
    sources = list(_sources(ctx.workdir, ctx.config.exclude))
    ctx.log(f"parsing {len(sources)} ADVPL/TLPP source file(s)")
    broken = 0
    for path in sources:
        if ctx.is_canceled():
            return StageState.CANCELED
        relative = path.relative_to(ctx.workdir).as_posix()
        tree = parse_bytes(path.read_bytes())
        if tree.root_node.has_error:
            broken += 1
            line, column = _first_error(tree.root_node)
            ctx.add_finding(
                FindingRecord(relative, line, column, PARSE_ERROR_CODE, "error", "syntax error / erro de sintaxe")
            )
            ctx.log(f"{relative}:{line}:{column}: {PARSE_ERROR_CODE} syntax error / erro de sintaxe")
    limit = ctx.config.max_parse_errors
    ctx.log(f"{broken} file(s) with syntax errors (quality gate allows {limit})")
    return StageState.FAILED if broken > limit else StageState.SUCCESS


def _parser() -> Callable[[bytes], Any] | None:
    try:
        module = importlib.import_module("protheus_ci.analyzers.parsing")
    except ImportError:
        return None
    parse_bytes: Callable[[bytes], Any] | None = getattr(module, "parse_bytes", None)
    return parse_bytes


def _sources(root: Path, exclude: tuple[str, ...]) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in SOURCE_SUFFIXES:
            continue
        relative = path.relative_to(root).as_posix()
        if not any(fnmatch.fnmatch(relative, pattern) for pattern in exclude):
            yield path


def _first_error(root: Any) -> tuple[int, int]:
    """1-based line and column of the first ERROR or MISSING node, in document order."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            return node.start_point[0] + 1, node.start_point[1] + 1
        if node.has_error:
            stack.extend(reversed(node.children))
    return 1, 1
