"""Token authentication and tenant scoping for every web entry point.

A token is sent as ``Authorization: Bearer <token>`` or as the password of HTTP Basic
(what git clients send). Anything outside the token's tenant answers 404, exactly as if
it did not exist, so one tenant cannot even learn another's names.
"""

from __future__ import annotations

import base64
import binascii

from flask import Response, abort, request
from sqlalchemy.orm import Session

from protheus_ci.db.models import Run
from protheus_ci.tenants.roles import Permission, allows
from protheus_ci.tenants.service import Principal, authenticate

REALM = 'Basic realm="protheus-ci", charset="UTF-8"'


def presented_token() -> str:
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        return value.strip()
    if scheme.lower() == "basic":
        try:
            return base64.b64decode(value, validate=True).decode().partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return ""
    return ""


def require_principal(session: Session) -> Principal:
    principal = authenticate(session, presented_token())
    if principal is None:
        abort(
            Response(
                "authentication required / autenticação necessária\n",
                401,
                {"WWW-Authenticate": REALM, "Content-Type": "text/plain; charset=utf-8"},
            )
        )
    return principal


def require_tenant(principal: Principal, tenant_slug: str) -> None:
    if principal.tenant_slug != tenant_slug:
        abort(404)


def require_permission(principal: Principal, permission: Permission) -> None:
    if not allows(principal.role, permission):
        abort(403, f"role {principal.role.value} may not {permission.value} / papel sem permissão")


def run_for(session: Session, principal: Principal, run_id: int) -> Run:
    run = session.get(Run, run_id)
    if run is None or run.tenant_id != principal.tenant_id:
        abort(404)
    return run
