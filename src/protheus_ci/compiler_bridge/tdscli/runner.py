"""Running one advpls INI script: the configured binary, a private script file, a time-out.

The script holds the AppServer password, so it is written with mode 0600 into a private
temporary folder that is removed afterwards, and the password is cut out of everything
advpls prints before that output is parsed, returned or logged.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from protheus_ci.analyzers.sources import decode_cp1252
from protheus_ci.compiler_bridge.tdscli.ini_script import Section, ValueKind, render_script
from protheus_ci.compiler_bridge.tdscli.output_parser import ParsedOutput, parse_output
from protheus_ci.compiler_bridge.types import CompilerBridgeError

ENV_PREFIX = "PROTHEUS_CI_"
DEFAULT_ADVPLS = Path(".tools/tds-ls/node_modules/@totvs/tds-ls/bin/linux/advpls")


class AppServerConnectionError(CompilerBridgeError):
    """advpls could not reach the AppServer (refused, unreachable, or no answer in time)."""


@dataclass(frozen=True)
class TdsCliConfig:
    advpls: Path
    server: str = "127.0.0.1"
    port: str = "1234"
    secure: bool = False
    build: str = "AUTO"
    environment: str = "environment"
    user: str = "admin"
    password: str = ""
    timeout_seconds: float = 300.0
    # "cli" for advpls 2.x (``advpls cli <script>``), "tdsCli" for 1.x (``--tdsCli=<script>``),
    # "auto" to read the version from the npm package the binary came with.
    syntax: str = "auto"

    def __repr__(self) -> str:  # the password never reaches a log through a repr
        return f"TdsCliConfig(advpls={self.advpls}, server={self.server}:{self.port}, env={self.environment})"

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> TdsCliConfig:
        env = os.environ if environ is None else environ

        def get(name: str, default: str) -> str:
            return env.get(ENV_PREFIX + name, default)

        found = shutil.which("advpls")
        return cls(
            advpls=Path(get("ADVPLS", found or str(DEFAULT_ADVPLS))),
            server=get("APPSERVER_SERVER", "127.0.0.1"),
            port=get("APPSERVER_PORT", "1234"),
            secure=get("APPSERVER_SECURE", "0") in ("1", "true", "yes"),
            build=get("APPSERVER_BUILD", "AUTO"),
            environment=get("APPSERVER_ENVIRONMENT", "environment"),
            user=get("APPSERVER_USER", "admin"),
            password=get("APPSERVER_PASSWORD", ""),
            timeout_seconds=float(get("ADVPLS_TIMEOUT", "300")),
            syntax=get("ADVPLS_SYNTAX", "auto"),
        )

    def package_version(self) -> str | None:
        """The npm ``@totvs/tds-ls`` version next to the binary (bin/<os>/advpls)."""
        manifest = self.advpls.resolve().parent.parent.parent / "package.json"
        try:
            version: str = json.loads(manifest.read_text())["version"]
        except (OSError, ValueError, KeyError):
            return None
        return version

    def argv(self, script: Path) -> list[str]:
        syntax = self.syntax
        if syntax == "auto":
            version = self.package_version()
            syntax = "tdsCli" if version is not None and version.split(".")[0] in ("0", "1") else "cli"
        if syntax == "tdsCli":
            return [str(self.advpls), f"--tdsCli={script}"]
        return [str(self.advpls), "cli", str(script)]

    def authentication(self) -> Section:
        return Section(
            "authentication",
            "authentication",
            {
                "server": (self.server, ValueKind.TEXT),
                "port": (self.port, ValueKind.TEXT),
                "secure": ("1" if self.secure else "0", ValueKind.TEXT),
                "build": (self.build, ValueKind.TEXT),
                "environment": (self.environment, ValueKind.TEXT),
                "user": (self.user, ValueKind.TEXT),
                "psw": (self.password, ValueKind.SECRET),
            },
        )


def redact(text: str, secret: str) -> str:
    return text.replace(secret, "********") if secret else text


def run_script(config: TdsCliConfig, sections: Sequence[Section], work: Path) -> ParsedOutput:
    """Run ``sections`` (after authentication) in ``work``, a private folder the caller owns."""
    script = work / "script.ini"
    handle = os.open(script, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(handle, "wb") as out:
        out.write(render_script([config.authentication(), *sections]))
    try:
        completed = subprocess.run(
            config.argv(script),
            cwd=work,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=config.timeout_seconds,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise AppServerConnectionError(
            f"advpls gave no answer from {config.server}:{config.port} within {config.timeout_seconds:g} s"
        ) from exc
    except OSError as exc:
        raise CompilerBridgeError(f"cannot run advpls at {config.advpls}: {exc.strerror}") from exc
    finally:
        script.unlink(missing_ok=True)
    output = redact(decode_cp1252(completed.stdout + b"\n" + completed.stderr), config.password)
    parsed = parse_output(output)
    if parsed.connection_error is not None:
        raise AppServerConnectionError(
            f"cannot connect to AppServer {config.server}:{config.port}: {parsed.connection_error}"
        )
    if parsed.script_missing is not None:
        raise CompilerBridgeError(f"advpls did not find its script {parsed.script_missing}")
    if completed.returncode != 0 and not (parsed.diagnostics or parsed.batch_error is not None):
        detail = "; ".join(parsed.errors) or output.strip()[-300:] or "no output"
        raise CompilerBridgeError(f"advpls exited with status {completed.returncode}: {detail}")
    return parsed
