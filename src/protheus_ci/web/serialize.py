"""Rows as JSON objects, one function per resource, so the API and the OpenAPI document
describe the same fields. Credentials and secrets are never part of any of them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from protheus_ci.db.models import Finding, Repository, Run, Stage, Tenant


def _time(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    # Every time is stored in UTC; SQLite hands it back without its offset.
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat()


def tenant(row: Tenant) -> dict[str, Any]:
    return {"slug": row.slug, "name": row.name, "created_at": _time(row.created_at)}


def repository(row: Repository, tenant_slug: str) -> dict[str, Any]:
    return {
        "name": row.name,
        "forge": row.forge,
        "git_url": f"/git/{tenant_slug}/{row.name}.git" if row.forge == "hosted" else None,
        "webhook_url": f"/webhooks/{tenant_slug}/{row.name}" if row.forge != "hosted" else None,
        "created_at": _time(row.created_at),
    }


def stage(row: Stage) -> dict[str, Any]:
    return {
        "name": row.name,
        "state": row.state,
        "started_at": _time(row.started_at),
        "finished_at": _time(row.finished_at),
    }


def run(row: Run) -> dict[str, Any]:
    return {
        "id": row.id,
        "repository": row.repository.name,
        "ref": row.ref,
        "commit": row.commit_sha,
        "before": row.before_sha,
        "trigger": row.trigger,
        "pushed_by": row.pushed_by,
        "state": row.state,
        "message": row.message,
        "retry_of": row.retry_of,
        "attempts": row.attempts,
        "created_at": _time(row.created_at),
        "started_at": _time(row.started_at),
        "finished_at": _time(row.finished_at),
        "stages": [stage(item) for item in row.stages],
    }


def finding(row: Finding) -> dict[str, Any]:
    return {
        "path": row.path,
        "line": row.line,
        "column": row.column,
        "code": row.code,
        "severity": row.severity,
        "message": row.message,
    }
