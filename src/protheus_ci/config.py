"""Service settings: documented defaults, then an optional TOML file, then the environment.

Every setting has one name. In the environment it is ``PROTHEUS_CI_`` plus the name in
capitals (``PROTHEUS_CI_DATABASE_URL``); in the TOML file named by ``PROTHEUS_CI_CONFIG``
it is the same name in lower case, at top level or under a ``[service]`` table. The
defaults are the embedded mode: SQLite plus an SQLite-backed queue under ``data_dir``.
No secret has a default.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ENV_PREFIX = "PROTHEUS_CI_"
CONFIG_FILE_VARIABLE = ENV_PREFIX + "CONFIG"


class ConfigError(ValueError):
    """A setting has a value we cannot use."""


@dataclasses.dataclass(frozen=True)
class Settings:
    data_dir: Path = Path(".protheus-ci")
    # Empty means SQLite in WAL mode at <data_dir>/protheus-ci.db.
    database_url: str = ""
    # Empty means the embedded SQLite queue at <data_dir>/queue.db.
    redis_url: str = ""
    queue_name: str = "protheus-ci"
    bind: str = "127.0.0.1:8000"
    web_workers: int = 2
    worker_threads: int = 2
    # Longest wait of an idle worker between two looks at the queue (SQLite polls; Redis blocks).
    worker_poll_seconds: float = 0.25
    public_url: str = "http://127.0.0.1:8000"
    webhook_max_bytes: int = 5 * 1024 * 1024
    # Fernet keys that seal the stored webhook secrets and forge tokens, separated by
    # commas: the first seals, all open. Empty: <data_dir>/keys/secrets.fernet.
    secrets_keys: str = dataclasses.field(default="", repr=False)
    # How long a web process keeps a repository's webhook settings (secret, forge)
    # before reading them again: a changed secret applies within this time.
    webhook_settings_seconds: float = 1.0
    # A new push to a branch cancels that branch's queued and running runs.
    cancel_previous: bool = True
    # A worker renews its lease while it runs; a lease older than this is a dead worker.
    lease_seconds: int = 60
    heartbeat_seconds: float = 10.0
    # A queued run that no queue message will start (its recording process died, or the
    # queue was down, before it was enqueued) is enqueued again after this long.
    enqueue_grace_seconds: int = 60
    # How many times a run whose worker died is started again before it ends in ``error``.
    max_attempts: int = 2
    git_binary: str = "git"
    status_retries: int = 3
    status_backoff_seconds: float = 0.5
    status_timeout_seconds: float = 5.0
    migrate_on_start: bool = True

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'protheus-ci.db').resolve()}"

    @property
    def repositories_dir(self) -> Path:
        return self.data_dir / "repositories"

    @property
    def work_dir(self) -> Path:
        return self.data_dir / "work"

    @property
    def queue_file(self) -> Path:
        return self.data_dir / "queue.db"

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> Settings:
        """Defaults, then the TOML file, then ``PROTHEUS_CI_*`` variables, then ``overrides``."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        config_file = env.get(CONFIG_FILE_VARIABLE)
        if config_file:
            values.update(_read_toml(Path(config_file)))
        for field in dataclasses.fields(cls):
            raw = env.get(ENV_PREFIX + field.name.upper())
            if raw is not None:
                values[field.name] = raw
        values.update(overrides or {})
        return cls(**{name: _coerce(name, value) for name, value in values.items()})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
    table = data.get("service", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [service] must be a table")
    return table


_FIELD_TYPES = {field.name: field.type for field in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    kind = _FIELD_TYPES.get(name)
    if kind is None:
        raise ConfigError(f"unknown setting {name!r} / configuração desconhecida {name!r}")
    try:
        if kind == "bool":
            return value if isinstance(value, bool) else _parse_bool(str(value))
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "Path":
            return Path(value)
        return str(value)
    except ValueError as exc:
        raise ConfigError(f"setting {name!r}: {exc}") from exc


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"not a boolean: {text!r}")
