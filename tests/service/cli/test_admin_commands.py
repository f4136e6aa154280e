"""``protheus-ci db upgrade``, ``tenant add``, ``repo add`` and ``token create``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from protheus_ci.cli.db import db_command
from protheus_ci.cli.repo import repo_command
from protheus_ci.cli.serve import serve_command
from protheus_ci.cli.tenant import tenant_command
from protheus_ci.cli.token import token_command
from protheus_ci.cli.worker import worker_command
from protheus_ci.config import ConfigError, Settings
from protheus_ci.db.engine import database_for
from protheus_ci.db.models import ApiToken, Repository
from protheus_ci.tenants.roles import Role
from protheus_ci.tenants.service import authenticate
from protheus_ci.web.app import create_app


@pytest.fixture
def settings(backend_settings: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The commands read their settings from the environment, as in production."""
    for name, value in backend_settings.items():
        monkeypatch.setenv(f"PROTHEUS_CI_{name.upper()}", str(value))
    return Settings.load()


def invoke(command: Any, *args: str, code: int = 0) -> str:
    result = CliRunner().invoke(command, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def test_tenant_repo_and_token(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke(db_command, "upgrade")
    invoke(tenant_command, "add", "acme", "--name", "ACME Ltda")
    assert "already exists" in invoke(tenant_command, "add", "acme", code=2)
    hosted = invoke(repo_command, "add", "acme", "erp")
    assert "/git/acme/erp.git" in hosted
    assert (repository_path := settings.repositories_dir / "acme" / "erp.git" / "HEAD").exists(), repository_path
    monkeypatch.setenv("FORGE_TOKEN", "glpat-secret")
    mirror = invoke(
        repo_command,
        "add",
        "acme",
        "mirror",
        "--forge",
        "gitlab",
        "--remote-url",
        "https://gitlab.example.com/acme/erp.git",
        "--remote-password-env",
        "FORGE_TOKEN",
    )
    assert "webhook secret (shown once" in mirror
    assert "glpat-secret" not in mirror
    assert "needs --remote-url" in invoke(repo_command, "add", "acme", "x", "--forge", "github", code=2)
    assert "no tenant" in invoke(repo_command, "add", "nobody", "erp", code=2)

    output = invoke(token_command, "create", "acme", "--role", "reviewer", "--user", "ana")
    token = output.splitlines()[0]
    assert token.startswith("pci_")
    database = database_for(settings)
    with database.session() as session:
        stored = session.scalars(select(ApiToken)).one()
        assert token not in (stored.digest, stored.lookup)
        principal = authenticate(session, token)
        assert principal is not None
        assert (principal.tenant_slug, principal.role) == ("acme", Role.REVIEWER)
        assert authenticate(session, token[:-1] + ("x" if token[-1] != "x" else "y")) is None
        mirror_row = session.scalars(select(Repository).where(Repository.name == "mirror")).one()
        assert (mirror_row.remote_password, len(mirror_row.webhook_secret) > 20) == ("glpat-secret", True)
    database.dispose()


def test_settings_come_from_a_toml_file_then_the_environment(tmp_path: Path) -> None:
    config = tmp_path / "protheus-ci.toml"
    config.write_text('[service]\ndata_dir = "/srv/pci"\nlease_seconds = 90\ncancel_previous = false\n')
    settings = Settings.load({"PROTHEUS_CI_CONFIG": str(config), "PROTHEUS_CI_LEASE_SECONDS": "120"})
    assert (settings.data_dir, settings.lease_seconds, settings.cancel_previous) == (
        Path("/srv/pci"),
        120,
        False,
    )
    assert settings.effective_database_url == "sqlite:////srv/pci/protheus-ci.db"


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PROTHEUS_CI_LEASE_SECONDS": "soon"}, "lease_seconds"),
        ({"PROTHEUS_CI_CANCEL_PREVIOUS": "maybe"}, "not a boolean"),
        ({"PROTHEUS_CI_CONFIG": "/nonexistent/protheus-ci.toml"}, "cannot read settings file"),
    ],
)
def test_bad_settings_are_reported(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.load(environ)


def test_a_revoked_token_authenticates_nothing(settings: Settings) -> None:
    invoke(db_command, "upgrade")
    invoke(tenant_command, "add", "acme")
    invoke(tenant_command, "add", "globex")
    token = invoke(token_command, "create", "acme", "--role", "developer", "--user", "ana").splitlines()[0]
    other = invoke(token_command, "create", "globex", "--role", "developer").splitlines()[0]
    client = create_app().test_client()
    assert client.get("/api/v1/tenants/acme", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    [listed] = invoke(token_command, "list", "acme").splitlines()
    token_id, role, user, prefix, _created, state, _description = listed.split("\t")
    assert (role, user, state) == ("developer", "ana", "active")
    assert token.startswith(prefix) and len(prefix) < len(token)
    # A token of another tenant is not found from this one.
    [globex_line] = invoke(token_command, "list", "globex").splitlines()
    assert "no token" in invoke(token_command, "revoke", "acme", globex_line.split("\t")[0], code=2)

    assert "revoked" in invoke(token_command, "revoke", "acme", token_id)
    assert "\trevoked " in invoke(token_command, "list", "acme")
    assert client.get("/api/v1/tenants/acme", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert client.get("/api/v1/tenants/globex", headers={"Authorization": f"Bearer {other}"}).status_code == 200
    # Revoking again changes nothing and says so without failing.
    assert "revoked" in invoke(token_command, "revoke", "acme", token_id)


@pytest.mark.parametrize(
    ("command", "arguments"), [(serve_command, []), (worker_command, []), (db_command, ["upgrade"])]
)
@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PROTHEUS_CI_SECRETS_KEYS": "not-a-key"}, "malformed secrets key"),
        ({"PROTHEUS_CI_LEASE_SECONDS": "soon"}, "lease_seconds"),
    ],
)
def test_service_commands_refuse_bad_settings_with_their_message(
    command: Any, arguments: list[str], environ: dict[str, str], message: str, tmp_path: Path
) -> None:
    env = {"PROTHEUS_CI_DATA_DIR": str(tmp_path / "data"), **environ}
    result = CliRunner().invoke(command, arguments, env=env)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
