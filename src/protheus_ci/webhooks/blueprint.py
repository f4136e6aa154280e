"""``POST /webhooks/<tenant>/<repo>``: verify, record, enqueue, answer. Nothing more.

401 bad or missing signature (no side effect), 400 malformed, 413 too large, 404 no such
mirrored repository, 202 accepted or ignored (recorded), 200 a delivery already seen.
"""

from __future__ import annotations

from flask import Blueprint, abort, request
from flask.typing import ResponseReturnValue

from protheus_ci.web.services import services
from protheus_ci.webhooks.base import Malformed, Unauthorized, WebhookRequest
from protheus_ci.webhooks.receivers import RECEIVERS

bp = Blueprint("webhooks", __name__, url_prefix="/webhooks")


@bp.post("/<tenant>/<name>")
def receive(tenant: str, name: str) -> ResponseReturnValue:
    svc = services()
    # Checked before the body is read, so an oversized delivery costs nothing (413).
    request.max_content_length = svc.settings.webhook_max_bytes
    body = request.get_data(cache=False)
    with svc.deliveries.announce() as announced:
        target = svc.hook_targets.find(tenant, name)
        receiver = RECEIVERS.get(target.forge) if target else None
        if target is None or receiver is None:
            abort(404)
        delivery_request = WebhookRequest({k.lower(): v for k, v in request.headers.items()}, body)
        try:
            receiver.verify(delivery_request, target.webhook_secret)
        except Unauthorized as exc:
            return {"error": "unauthorized", "detail": str(exc)}, 401
        try:
            delivery = receiver.parse(delivery_request)
        except Malformed as exc:
            return {"error": "malformed", "detail": str(exc)}, 400
        recorded = announced.record(target, delivery)
    answer = {"delivery": delivery.delivery_id, "status": recorded.outcome, "runs": list(recorded.run_ids)}
    if recorded.note:
        answer["reason"] = recorded.note
    return answer, 200 if recorded.outcome == "duplicate" else 202
