"""Fixtures for the service's tests: a fresh app per test on a fresh database and queue.

Every test that uses ``app`` runs twice: on the embedded default (SQLite + SQLite queue)
and on PostgreSQL + Redis at 127.0.0.1. The second is skipped, with its reason printed,
when those services are not reachable, unless ``CI=true``, where it must run.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from service_helpers import TenantFixture, make_tenant
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from protheus_ci.web.app import create_app
from protheus_ci.web.services import EXTENSION_KEY, Services

POSTGRES_URL = os.environ.get("PROTHEUS_CI_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("PROTHEUS_CI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def _require_services() -> None:
    missing = [name for name, port in (("PostgreSQL", 5432), ("Redis", 6379)) if not _reachable(port)]
    if not missing:
        return
    reason = f"{' and '.join(missing)} not reachable at 127.0.0.1"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}, and CI=true makes the PostgreSQL+Redis suite mandatory")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("PROTHEUS_CI_") and not name.startswith("PROTHEUS_CI_TEST_"):
            monkeypatch.delenv(name)
    # git run by the tests and by the service must not read the machine's settings.
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_TERMINAL_PROMPT", "0")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Dev")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "dev@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Dev")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "dev@example.com")


@pytest.fixture(params=["sqlite", "postgres+redis"])
def backend_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, Any]]:
    settings: dict[str, Any] = {"data_dir": tmp_path / "data", "heartbeat_seconds": 0.2}
    if request.param == "sqlite":
        yield settings
        return
    _require_services()
    schema = f"pci_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    settings["database_url"] = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    settings["redis_url"] = REDIS_URL
    settings["queue_name"] = f"pci-test-{schema}"
    try:
        yield settings
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def app(backend_settings: dict[str, Any]) -> Iterator[Flask]:
    application = create_app(backend_settings)
    application.testing = True
    yield application
    svc: Services = application.extensions[EXTENSION_KEY]
    svc.queue.huey.flush()
    svc.database.dispose()


@pytest.fixture
def svc(app: Flask) -> Services:
    found: Services = app.extensions[EXTENSION_KEY]
    return found


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def acme(svc: Services) -> TenantFixture:
    return make_tenant(svc, "acme", ("erp", {"forge": "hosted"}))


@pytest.fixture
def globex(svc: Services) -> TenantFixture:
    return make_tenant(svc, "globex", ("erp", {"forge": "hosted"}))


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app on a real loopback socket, for real git clients."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
