"""The application factory, in the shape of Flask's tutorial: one app per call, built
from settings, with nothing global. gunicorn serves ``protheus_ci.web.app:create_app()``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from protheus_ci.config import Settings
from protheus_ci.db.migrate import open_database
from protheus_ci.web import api, git_http, pages
from protheus_ci.web.services import EXTENSION_KEY, Services
from protheus_ci.webhooks import blueprint as webhooks


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """``test_config`` overrides settings by name, after the environment and the TOML file."""
    settings = Settings.load(overrides=test_config)
    database = open_database(settings)
    app = Flask(__name__)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions[EXTENSION_KEY] = Services.open(settings, database)
    app.register_blueprint(git_http.bp)
    app.register_blueprint(webhooks.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
