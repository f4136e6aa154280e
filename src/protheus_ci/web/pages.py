"""Server-rendered pages: a run's status, stages and live log. Minimal on purpose."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from protheus_ci.pipeline import logs
from protheus_ci.web.auth import require_principal, run_for
from protheus_ci.web.services import services

bp = Blueprint("pages", __name__, template_folder="templates")


@bp.get("/runs/<int:run_id>")
def run_page(run_id: int) -> ResponseReturnValue:
    with services().database.session() as session:
        run = run_for(session, require_principal(session), run_id)
        stage_logs = {stage.name: logs.stage_text(session, run.id, stage.name) for stage in run.stages}
        return render_template("run.html", run=run, stage_logs=stage_logs)
