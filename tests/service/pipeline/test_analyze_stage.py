"""The analyze stage: the rule catalog, the gate on new code, and the stored reports."""

from __future__ import annotations

import json

from flask.testing import FlaskClient
from run_helpers import MakeRun, load_run, stage_log
from service_helpers import bearer, drain

from protheus_ci.tenants.roles import Role
from protheus_ci.tenants.service import add_tenant, create_token
from protheus_ci.web.services import Services

LOGS = "User Function XYZ001()\r\n    ConOut('a')\r\nReturn\r\n"
LOCKS = "Static Function xyzGrava()\r\n    RecLock('ZZ1', .T.)\r\nReturn\r\n"


def test_findings_gate_and_reports_in_both_languages(svc: Services, make_run: MakeRun, client: FlaskClient) -> None:
    run_id = make_run({"src/a.prw": LOGS + LOCKS})
    drain(svc)
    assert load_run(svc, run_id)[1]["analyze"] == "failed"  # TRN001 is critical; the limit is 0
    log = stage_log(svc, run_id, "analyze")
    assert "src/a.prw:5:5: TRN001" in log and "quality gate failed: critical 1 > 0" in log

    with svc.database.sessions.begin() as session:
        _, token = create_token(session, "acme", Role.REVIEWER, user="rev2")
    report = client.get(f"/api/v1/runs/{run_id}/reports/report.json", headers=bearer(token))
    assert report.status_code == 200
    codes = {f["code"] for f in report.get_json()["findings"]}
    assert {"LEG001", "TRN001"} <= codes
    sarif = client.get(f"/api/v1/runs/{run_id}/reports/report.sarif", headers=bearer(token))
    assert json.loads(sarif.data)["version"] == "2.1.0"
    english = client.get(f"/api/v1/runs/{run_id}/reports/report.html", headers=bearer(token)).get_data(as_text=True)
    portuguese = client.get(f"/api/v1/runs/{run_id}/reports/report.pt-BR.html", headers=bearer(token)).get_data(
        as_text=True
    )
    assert "RecLock() is never followed by MsUnlock()" in english
    assert "RecLock() não é seguido de MsUnlock()" in portuguese
    assert client.get(f"/api/v1/runs/{run_id}/reports/../../secret", headers=bearer(token)).status_code == 404


def test_another_tenant_gets_404_on_reports(svc: Services, make_run: MakeRun, client: FlaskClient) -> None:
    run_id = make_run({"src/a.prw": LOGS})
    drain(svc)
    with svc.database.sessions.begin() as session:
        add_tenant(session, "globex")
        _, outsider = create_token(session, "globex", Role.ADMIN, user="eve")
    for name in ("report.json", "report.html"):
        assert client.get(f"/api/v1/runs/{run_id}/reports/{name}", headers=bearer(outsider)).status_code == 404


def test_the_next_push_is_gated_on_the_findings_it_adds(svc: Services, make_run: MakeRun) -> None:
    first = make_run({"src/a.prw": LOGS + LOCKS})
    drain(svc)
    assert load_run(svc, first)[1]["analyze"] == "failed"
    # Same code moved down by a new header: nothing new, the inherited finding no longer gates.
    second = make_run({"src/a.prw": "// header\r\n\r\n" + LOGS + LOCKS})
    drain(svc)
    assert load_run(svc, second)[1]["analyze"] == "success"
    assert "new code / código novo" in stage_log(svc, second, "analyze")
    # A new critical finding in new code fails the gate again.
    third = make_run({"src/b.prw": LOCKS.replace("xyzGrava", "xyzOutra")})
    drain(svc)
    assert load_run(svc, third)[1]["analyze"] == "failed"
