"""A web process keeps a repository's webhook settings for ``webhook_settings_seconds``,
then reads them again; a repository not found is never kept."""

from __future__ import annotations

import time

from service_helpers import make_tenant
from sqlalchemy import update

from protheus_ci.db.models import Repository
from protheus_ci.web.services import Services
from protheus_ci.webhooks.targets import HookTargets

MIRROR = {"forge": "gitea", "remote_url": "https://example.invalid/erp.git", "webhook_secret": "old"}


def test_a_changed_secret_applies_once_the_kept_settings_expire(svc: Services) -> None:
    make_tenant(svc, "acme", ("erp", MIRROR))
    targets = HookTargets(svc.database, keep_seconds=1.5)
    found = targets.find("acme", "erp")
    assert found is not None and found.webhook_secret == "old"
    with svc.database.sessions.begin() as session:
        session.execute(update(Repository).values(webhook_secret="new"))
    kept = targets.find("acme", "erp")
    assert kept is not None and kept.webhook_secret == "old"
    time.sleep(1.6)
    fresh = targets.find("acme", "erp")
    assert fresh is not None and fresh.webhook_secret == "new"


def test_a_repository_not_found_is_not_kept(svc: Services) -> None:
    targets = HookTargets(svc.database, keep_seconds=3600)
    assert targets.find("acme", "erp") is None
    make_tenant(svc, "acme", ("erp", MIRROR))
    found = targets.find("acme", "erp")
    assert found is not None and found.forge == "gitea"
    assert targets.find("acme", "other") is None
