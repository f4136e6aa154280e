"""GitLab Code Quality: the CodeClimate fields GitLab reads."""

from __future__ import annotations

import json

from protheus_ci.analyzers.reports import gitlab
from reports.conftest import Analysed


def test_issue_fields(analysed: Analysed) -> None:
    issues = json.loads(gitlab.render(analysed.result, analysed.catalog, analysed.gate, "en"))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("LEG001", "minor", {"path": "src/xyzr01.prw", "lines": {"begin": 3, "end": 3}}),
        ("TRN001", "critical", {"path": "src/xyzr01.prw", "lines": {"begin": 5, "end": 5}}),
    ]
    assert issues[1]["description"] == "TRN001 RecLock() is never followed by MsUnlock() in this function"
    fingerprints = [i["fingerprint"] for i in issues]
    assert fingerprints == [f.fingerprint for f in analysed.result.findings] and len(set(fingerprints)) == 2
