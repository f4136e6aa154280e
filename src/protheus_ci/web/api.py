"""The JSON API under ``/api/v1``, described by ``/api/v1/openapi.json``."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from flask import Blueprint, Response, abort, request, stream_with_context
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from protheus_ci.db.models import Finding, Run
from protheus_ci.pipeline import control, logs
from protheus_ci.pipeline.reports import REPORT_FILES, run_folder
from protheus_ci.pipeline.states import RunState
from protheus_ci.tenants.roles import Permission
from protheus_ci.tenants.service import find_repository, get_tenant, list_tenant_repositories
from protheus_ci.web import openapi, serialize
from protheus_ci.web.auth import require_permission, require_principal, require_tenant, run_for
from protheus_ci.web.services import services

bp = Blueprint("api", __name__, url_prefix="/api/v1")

RUN_PAGE = 50
# An event stream ends on its own after this long; EventSource reconnects by itself.
STREAM_SECONDS = 300.0
POLL_SECONDS = 0.5


@bp.get("/openapi.json")
def openapi_document() -> ResponseReturnValue:
    return openapi.document()


@bp.get("/tenants/<tenant>")
def get_tenant_view(tenant: str) -> ResponseReturnValue:
    with services().database.session() as session:
        principal = require_principal(session)
        require_tenant(principal, tenant)
        return serialize.tenant(get_tenant(session, tenant))


@bp.get("/tenants/<tenant>/repositories")
def list_repositories(tenant: str) -> ResponseReturnValue:
    with services().database.session() as session:
        principal = require_principal(session)
        require_tenant(principal, tenant)
        rows = list_tenant_repositories(session, principal.tenant_id)
        return {"repositories": [serialize.repository(row, tenant) for row in rows]}


@bp.get("/tenants/<tenant>/repositories/<name>/runs")
def list_runs(tenant: str, name: str) -> ResponseReturnValue:
    with services().database.session() as session:
        principal = require_principal(session)
        require_tenant(principal, tenant)
        repository = find_repository(session, principal.tenant_id, name)
        if repository is None:
            abort(404)
        rows = session.scalars(
            select(Run).where(Run.repository_id == repository.id).order_by(Run.id.desc()).limit(RUN_PAGE)
        )
        return {"runs": [serialize.run(row) for row in rows]}


@bp.get("/runs/<int:run_id>")
def get_run(run_id: int) -> ResponseReturnValue:
    with services().database.session() as session:
        return serialize.run(run_for(session, require_principal(session), run_id))


@bp.post("/runs/<int:run_id>/cancel")
def cancel_run(run_id: int) -> ResponseReturnValue:
    with services().database.session() as session:
        principal = require_principal(session)
        run = run_for(session, principal, run_id)
        require_permission(principal, Permission.CONTROL_RUNS)
        try:
            control.cancel(session, run)
        except control.RunControlError as exc:
            return {"error": "conflict", "detail": str(exc)}, 409
        session.commit()
        return serialize.run(run)


@bp.post("/runs/<int:run_id>/retry")
def retry_run(run_id: int) -> ResponseReturnValue:
    svc = services()
    with svc.database.session() as session:
        principal = require_principal(session)
        run = run_for(session, principal, run_id)
        require_permission(principal, Permission.CONTROL_RUNS)
        try:
            new_run = control.retry(session, run)
        except control.RunControlError as exc:
            return {"error": "conflict", "detail": str(exc)}, 409
        session.commit()
        body = serialize.run(new_run)
    svc.queue.enqueue_recorded([new_run.id])
    return body, 201


@bp.get("/runs/<int:run_id>/findings")
def list_findings(run_id: int) -> ResponseReturnValue:
    with services().database.session() as session:
        run = run_for(session, require_principal(session), run_id)
        rows = session.scalars(select(Finding).where(Finding.run_id == run.id).order_by(Finding.id))
        return {"findings": [serialize.finding(row) for row in rows]}


@bp.get("/runs/<int:run_id>/reports/<name>")
def run_report(run_id: int, name: str) -> ResponseReturnValue:
    """A report the analyze stage wrote; the HTML ones may not load anything (CSP)."""
    if name not in REPORT_FILES:
        abort(404)
    with services().database.session() as session:
        run = run_for(session, require_principal(session), run_id)
        folder = run_folder(services().settings.data_dir, run.repository.tenant.slug, run.repository.name, run.id)
    path = folder / name
    if not path.is_file():
        abort(404)
    return Response(path.read_bytes(), mimetype=REPORT_FILES[name][2].split(";")[0], content_type=REPORT_FILES[name][2])


@bp.get("/runs/<int:run_id>/stages/<stage>/log")
def stage_log(run_id: int, stage: str) -> ResponseReturnValue:
    with services().database.session() as session:
        run = run_for(session, require_principal(session), run_id)
        if stage not in {item.name for item in run.stages}:
            abort(404)
        return Response(logs.stage_text(session, run.id, stage), mimetype="text/plain")


@bp.get("/runs/<int:run_id>/logs.tar.gz")
def log_archive(run_id: int) -> ResponseReturnValue:
    with services().database.session() as session:
        run = run_for(session, require_principal(session), run_id)
        data = logs.archive(session, run)
    return Response(
        data,
        mimetype="application/gzip",
        headers={"Content-Disposition": f'attachment; filename="run-{run_id}-logs.tar.gz"'},
    )


@bp.get("/runs/<int:run_id>/events")
def run_events(run_id: int) -> ResponseReturnValue:
    """Server-Sent Events: ``log`` events with each new line, ``state`` events when the
    run or a stage changes, and a final ``end`` event when the run is finished."""
    svc = services()
    with svc.database.session() as session:
        run_for(session, require_principal(session), run_id)
    # A reconnecting EventSource sends the id of the last line it saw.
    last_line = int(request.headers.get("Last-Event-ID", "0") or 0)
    return Response(stream_with_context(_events(run_id, last_line)), mimetype="text/event-stream")


def _events(run_id: int, last_line: int) -> Iterator[str]:
    sessions = services().database.sessions
    last_state: dict[str, Any] | None = None
    deadline = time.monotonic() + STREAM_SECONDS
    while time.monotonic() < deadline:
        with sessions() as session:
            run = session.get_one(Run, run_id)
            lines = logs.lines_after(session, run_id, last_line)
            run_state = RunState(run.state)
            state: dict[str, Any] = {
                "state": run_state.value,
                "stages": {item.name: item.state for item in run.stages},
            }
        for line in lines:
            last_line = line.id
            yield _event("log", {"stage": line.stage, "text": line.text}, line.id)
        if state != last_state:
            last_state = state
            yield _event("state", state)
        if lines:
            continue  # there may be more lines waiting; read them before sleeping
        if run_state.finished:
            yield _event("end", {"state": run_state.value})
            return
        time.sleep(POLL_SECONDS)


def _event(kind: str, data: dict[str, Any], event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
