"""The quality gate: per-severity limits on findings, optionally only on new code.

With a baseline (the JSON report of an earlier `protheus-ci check`), findings whose
fingerprint the baseline already holds are "existing" and never fail the gate, as
in SonarQube's "clean as you code": a team adopting the checks on an old code base
is held to them for what it changes, not for every finding it inherited.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protheus_ci.analyzers.config import GateConfig
from protheus_ci.analyzers.findings import Finding
from protheus_ci.analyzers.severity import Severity

#: Most severe first, the order people read counts and limits in.
SEVERITIES = tuple(sorted(Severity, key=lambda s: s.rank, reverse=True))


class BaselineError(ValueError):
    """A baseline that cannot be used; the command line exits with status 2."""


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints in a JSON report written by `protheus-ci check --format json`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read the baseline: {error.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BaselineError(f"{path}: the baseline is not JSON: {error}") from None
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings
    ):
        raise BaselineError(f"{path}: not a JSON report of `protheus-ci check --format json`")
    return frozenset(f["fingerprint"] for f in findings)


@dataclass(frozen=True)
class GateResult:
    """The verdict, and what it was reached on.

    `counts` are the findings that gate: the new ones when a baseline was given,
    all of them otherwise.
    """

    passed: bool
    limits: dict[Severity, int | None]
    counts: dict[Severity, int]
    failed: tuple[Severity, ...]
    new: int
    existing: int
    baseline: bool
    existing_fingerprints: frozenset[str]

    def is_new(self, finding: Finding) -> bool:
        return finding.fingerprint not in self.existing_fingerprints

    def to_json(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "mode": "new-code" if self.baseline else "all",
            "limits": {s.value: self.limits.get(s) for s in SEVERITIES},
            "counts": {s.value: self.counts[s] for s in SEVERITIES},
            "failed": [s.value for s in self.failed],
            "new": self.new,
            "existing": self.existing,
        }


def evaluate_gate(findings: Iterable[Finding], config: GateConfig, baseline: frozenset[str] | None) -> GateResult:
    findings = list(findings)
    known = baseline or frozenset()
    existing = frozenset(f.fingerprint for f in findings if f.fingerprint in known)
    gating = [f for f in findings if f.fingerprint not in existing]
    tally = Counter(f.severity for f in gating)
    counts = {s: tally[s] for s in SEVERITIES}
    failed = tuple(s for s in SEVERITIES if (limit := config.limits.get(s)) is not None and counts[s] > limit)
    return GateResult(
        passed=not failed,
        limits=dict(config.limits),
        counts=counts,
        failed=failed,
        new=len(gating),
        existing=len(findings) - len(gating),
        baseline=baseline is not None,
        existing_fingerprints=existing,
    )
