"""Webhook secrets and forge tokens are stored sealed, read back clear by the service,
resealed after a key rotation, and never readable without the key."""

from __future__ import annotations

import dataclasses
import stat
from typing import Any

import pytest
from click.testing import CliRunner
from cryptography.fernet import Fernet
from sqlalchemy import Text, select, text, type_coerce

from protheus_ci.cli.secrets import secrets_command
from protheus_ci.config import Settings
from protheus_ci.db.engine import database_for
from protheus_ci.db.models import Repository
from protheus_ci.db.sealed import KEY_FILE, SEALED_PREFIX, SecretBox, SecretsKeyError
from protheus_ci.tenants.service import add_repository, add_tenant
from protheus_ci.web.services import Services

WEBHOOK_SECRET = "hook-secret-of-the-forge"
FORGE_TOKEN = "glpat-token-that-writes-to-the-customer-repo"


def _stored(settings: Settings) -> tuple[str, str]:
    """The two columns as the database holds them, past the sealing column type."""
    database = database_for(settings)
    with database.session() as session:
        row = session.execute(
            select(type_coerce(Repository.webhook_secret, Text), type_coerce(Repository.remote_password, Text))
        ).one()
    database.dispose()
    return row[0], row[1]


def _clear(settings: Settings) -> tuple[str, str]:
    database = database_for(settings)
    with database.session() as session:
        repository = session.scalars(select(Repository)).one()
        values = repository.webhook_secret, repository.remote_password
    database.dispose()
    return values


@pytest.fixture
def settings(svc: Services) -> Settings:
    with svc.database.sessions.begin() as session:
        add_tenant(session, "acme")
        add_repository(
            session,
            "acme",
            "erp",
            "gitlab",
            remote_url="https://gitlab.example.com/acme/erp.git",
            webhook_secret=WEBHOOK_SECRET,
            remote_password=FORGE_TOKEN,
        )
    return svc.settings


def _reseal(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> str:
    for name, value in dataclasses.asdict(settings).items():
        monkeypatch.setenv(f"PROTHEUS_CI_{name.upper()}", str(value))
    result = CliRunner().invoke(secrets_command, ["reseal"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_credentials_are_stored_sealed_and_read_back_clear(settings: Settings) -> None:
    webhook_secret, remote_password = _stored(settings)
    for stored, clear in ((webhook_secret, WEBHOOK_SECRET), (remote_password, FORGE_TOKEN)):
        assert stored.startswith(SEALED_PREFIX)
        assert clear not in stored
    assert _clear(settings) == (WEBHOOK_SECRET, FORGE_TOKEN)
    key_file = settings.data_dir / "keys" / KEY_FILE
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_without_the_key_nothing_is_readable(settings: Settings) -> None:
    stranger = dataclasses.replace(settings, secrets_keys=Fernet.generate_key().decode())
    with pytest.raises(SecretsKeyError, match="sealed with a key"):
        _clear(stranger)


def test_a_rotated_key_opens_old_values_and_reseal_moves_them_to_the_new_one(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_key = (settings.data_dir / "keys" / KEY_FILE).read_text().strip()
    new_key = Fernet.generate_key().decode()
    rotated = dataclasses.replace(settings, secrets_keys=f"{new_key},{old_key}")
    assert _clear(rotated) == (WEBHOOK_SECRET, FORGE_TOKEN)
    assert "1 repositories resealed" in _reseal(rotated, monkeypatch)
    assert "0 repositories resealed" in _reseal(rotated, monkeypatch)
    # The old key can go now.
    assert _clear(dataclasses.replace(settings, secrets_keys=new_key)) == (WEBHOOK_SECRET, FORGE_TOKEN)


def test_values_stored_in_clear_by_older_versions_are_read_and_resealed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = database_for(settings)
    with database.sessions.begin() as session:
        # As an older version wrote them: plain SQL, past the sealing column type.
        session.execute(
            text("UPDATE repositories SET webhook_secret = :secret, remote_password = :token"),
            {"secret": WEBHOOK_SECRET, "token": FORGE_TOKEN},
        )
    database.dispose()
    assert _stored(settings) == (WEBHOOK_SECRET, FORGE_TOKEN)
    assert _clear(settings) == (WEBHOOK_SECRET, FORGE_TOKEN)
    assert "1 repositories resealed" in _reseal(settings, monkeypatch)
    assert all(value.startswith(SEALED_PREFIX) for value in _stored(settings))
    assert _clear(settings) == (WEBHOOK_SECRET, FORGE_TOKEN)


def test_a_malformed_key_is_a_clear_error(tmp_path: Any) -> None:
    with pytest.raises(SecretsKeyError, match="malformed secrets key"):
        SecretBox.from_settings("not-a-fernet-key", tmp_path)
    assert SecretBox.from_settings("", tmp_path).seal("") == ""
