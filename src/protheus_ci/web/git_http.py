"""``/git/<tenant>/<repo>.git``: customers push and fetch over smart HTTP with a token.

After a push, the refs git moved become runs, committed and enqueued before the client
gets its answer, so a push that succeeded always has its runs.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from protheus_ci.gitstore import http_backend
from protheus_ci.gitstore.bare import ensure_bare, repository_path
from protheus_ci.pipeline.create import runs_for_push
from protheus_ci.tenants.roles import Permission
from protheus_ci.tenants.service import find_repository, token_holder
from protheus_ci.web.auth import require_permission, require_principal, require_tenant
from protheus_ci.web.services import services

bp = Blueprint("git", __name__, url_prefix="/git")

_RECEIVE = "git-receive-pack"
# Smart HTTP only: no dumb-protocol file access, and no path that could leave the repository.
_SMART_PATHS = frozenset({"info/refs", "git-upload-pack", _RECEIVE})


@bp.route("/<tenant>/<name>.git/<path:rest>", methods=["GET", "POST"])
def smart_http(tenant: str, name: str, rest: str) -> Response:
    svc = services()
    with svc.database.session() as session:
        principal = require_principal(session)
        require_tenant(principal, tenant)
        repository = find_repository(session, principal.tenant_id, name)
        if repository is None or rest not in _SMART_PATHS:
            abort(404)
        pushing = rest == _RECEIVE or request.args.get("service") == _RECEIVE
        if pushing:
            require_permission(principal, Permission.PUSH)
            if repository.forge != "hosted":
                abort(403, "this repository mirrors a forge; push there / este repositório é um espelho")
        root = svc.settings.repositories_dir
        ensure_bare(svc.settings.git_binary, repository_path(root, tenant, name))
        result = http_backend.serve(
            svc.settings.git_binary,
            root,
            http_backend.CgiRequest(
                method=request.method,
                path_info=f"/{tenant}/{name}.git/{rest}",
                query_string=request.query_string.decode(),
                content_type=request.content_type or "",
                content_encoding=request.headers.get("Content-Encoding", ""),
                body=request.get_data(),
                git_protocol=request.headers.get("Git-Protocol", ""),
                remote_user=str(principal.token_id),
            ),
        )
        run_ids: list[int] = []
        if result.ref_updates:
            run_ids = runs_for_push(
                session.connection(),
                repository,
                result.ref_updates,
                "push",
                svc.settings.cancel_previous,
                pushed_by=token_holder(session, principal),
            )
            session.commit()
    svc.queue.enqueue_recorded(run_ids)
    return Response(result.body, status=result.status, headers=result.headers)
