"""The OpenAPI 3.1 document of the JSON API, written as data next to the routes it describes."""

from __future__ import annotations

from typing import Any

from protheus_ci import __version__


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_NOT_FOUND = {"description": "Not found, or not in the token's tenant"}
_RUN_ID = {"name": "run_id", "in": "path", "required": True, "schema": {"type": "integer"}}
_TENANT = {"name": "tenant", "in": "path", "required": True, "schema": {"type": "string"}}
_REPO = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
_TIME = {"type": ["string", "null"], "format": "date-time"}
_RUN_STATES = ["queued", "running", "success", "failed", "canceled", "error"]
_STAGE_STATES = ["pending", "running", "success", "failed", "skipped", "canceled", "error"]


def _op(summary: str, responses: dict[str, Any], params: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"summary": summary, "parameters": params or [], "responses": {**responses, "404": _NOT_FOUND}}


_SCHEMAS: dict[str, Any] = {
    "Tenant": {
        "type": "object",
        "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "created_at": _TIME},
    },
    "Repository": {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "forge": {"enum": ["hosted", "github", "gitlab", "gitea", "bitbucket", "azure"]},
            "git_url": {"type": ["string", "null"]},
            "webhook_url": {"type": ["string", "null"]},
            "created_at": _TIME,
        },
    },
    "Stage": {
        "type": "object",
        "properties": {
            "name": {"enum": ["version", "analyze", "compile", "package", "publish"]},
            "state": {"enum": _STAGE_STATES},
            "started_at": _TIME,
            "finished_at": _TIME,
        },
    },
    "Run": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "repository": {"type": "string"},
            "ref": {"type": "string"},
            "commit": {"type": "string"},
            "before": {"type": "string"},
            "trigger": {"enum": ["push", "webhook", "retry"]},
            "pushed_by": {"type": "string", "description": "who pushed, as the forge or the token names them"},
            "state": {"enum": _RUN_STATES},
            "message": {"type": "string"},
            "retry_of": {"type": ["integer", "null"]},
            "attempts": {"type": "integer"},
            "created_at": _TIME,
            "started_at": _TIME,
            "finished_at": _TIME,
            "stages": {"type": "array", "items": _ref("Stage")},
        },
    },
    "Finding": {
        "type": "object",
        "properties": {
            "path": {"type": "string"},
            "line": {"type": "integer"},
            "column": {"type": "integer"},
            "code": {"type": "string"},
            "severity": {"type": "string"},
            "message": {"type": "string"},
        },
    },
}


def _list(key: str, schema: str) -> dict[str, Any]:
    return {"type": "object", "properties": {key: {"type": "array", "items": _ref(schema)}}}


_PATHS: dict[str, Any] = {
    "/api/v1/tenants/{tenant}": {"get": _op("The token's tenant", {"200": _json(_ref("Tenant"))}, [_TENANT])},
    "/api/v1/tenants/{tenant}/repositories": {
        "get": _op("Repositories of the tenant", {"200": _json(_list("repositories", "Repository"))}, [_TENANT])
    },
    "/api/v1/tenants/{tenant}/repositories/{name}/runs": {
        "get": _op("Latest runs of a repository", {"200": _json(_list("runs", "Run"))}, [_TENANT, _REPO])
    },
    "/api/v1/runs/{run_id}": {"get": _op("One run with its stages", {"200": _json(_ref("Run"))}, [_RUN_ID])},
    "/api/v1/runs/{run_id}/cancel": {
        "post": _op(
            "Cancel a queued or running run",
            {"200": _json(_ref("Run")), "409": {"description": "Already finished"}},
            [_RUN_ID],
        )
    },
    "/api/v1/runs/{run_id}/retry": {
        "post": _op(
            "Run the same commit again",
            {"201": _json(_ref("Run"), "The new run"), "409": {"description": "Still active"}},
            [_RUN_ID],
        )
    },
    "/api/v1/runs/{run_id}/findings": {
        "get": _op("Findings of the run", {"200": _json(_list("findings", "Finding"))}, [_RUN_ID])
    },
    "/api/v1/runs/{run_id}/reports/{name}": {
        "get": _op(
            "A quality report of the run: report.json (also the next run's baseline), report.sarif, "
            "report.html or report.pt-BR.html",
            {
                "200": {
                    "description": "OK",
                    "content": {"application/json": {}, "application/sarif+json": {}, "text/html": {}},
                }
            },
            [
                _RUN_ID,
                {
                    "name": "name",
                    "in": "path",
                    "required": True,
                    "schema": {"enum": ["report.json", "report.sarif", "report.html", "report.pt-BR.html"]},
                },
            ],
        )
    },
    "/api/v1/runs/{run_id}/stages/{stage}/log": {
        "get": _op(
            "One stage's log",
            {"200": {"description": "OK", "content": {"text/plain": {"schema": {"type": "string"}}}}},
            [_RUN_ID, {"name": "stage", "in": "path", "required": True, "schema": {"type": "string"}}],
        )
    },
    "/api/v1/runs/{run_id}/logs.tar.gz": {
        "get": _op(
            "All logs of the run as one archive",
            {"200": {"description": "OK", "content": {"application/gzip": {}}}},
            [_RUN_ID],
        )
    },
    "/api/v1/runs/{run_id}/events": {
        "get": _op(
            "Live log and state changes (Server-Sent Events: log, state, end)",
            {"200": {"description": "OK", "content": {"text/event-stream": {}}}},
            [_RUN_ID],
        )
    },
}


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "protheus-ci", "version": __version__},
        "components": {
            "schemas": _SCHEMAS,
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "basic": {"type": "http", "scheme": "basic", "description": "token as the password"},
            },
        },
        "security": [{"bearer": []}, {"basic": []}],
        "paths": _PATHS,
    }
