"""The tdscli backend: INI script, injection guard, output parsing, and the real advpls.

Server replies come from recorded outputs written from the documented shapes
(``recorded/``); everything that needs no AppServer runs the real ``advpls`` installed
by ``scripts/install-advpls.sh``. The only peer is a local TCP socket standing in for
an AppServer that refuses, or never answers.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from protheus_ci.compiler_bridge.tdscli.backend import TdsCliBackend
from protheus_ci.compiler_bridge.tdscli.ini_script import (
    ScriptInjectionError,
    Section,
    ValueKind,
    path_list,
    render_script,
)
from protheus_ci.compiler_bridge.tdscli.output_parser import parse_output
from protheus_ci.compiler_bridge.tdscli.runner import AppServerConnectionError, TdsCliConfig
from protheus_ci.compiler_bridge.types import CompileRequest, Severity

RECORDED = Path(__file__).parent / "recorded"
ADVPLS = Path(__file__).parents[2] / ".tools/tds-ls/node_modules/@totvs/tds-ls/bin/linux/advpls"


def _config(**changes: object) -> TdsCliConfig:
    base = TdsCliConfig(ADVPLS, password="s3cr3t-Pw", timeout_seconds=60)
    return replace(base, **changes)  # type: ignore[arg-type]


# -- the INI script -------------------------------------------------------------------


def test_script_is_cp1252_crlf_with_one_action_per_section() -> None:
    config = _config(environment="homologação")
    compile_section = Section(
        "compile",
        "compile",
        {
            "program": path_list("program", ["/src/a.prw", "/src/b.tlpp"]),
            "recompile": ("T", ValueKind.TEXT),
        },
    )
    script = render_script([config.authentication(), compile_section])
    text = script.decode("cp1252")
    assert "homologação".encode("cp1252") in script
    assert "\r\n[authentication]\r\naction=authentication\r\nserver=127.0.0.1\r\n" in text
    assert "\r\n[compile]\r\naction=compile\r\nprogram=/src/a.prw,/src/b.tlpp\r\nrecompile=T\r\n" in text
    assert "psw=s3cr3t-Pw\r\n" in text


@pytest.mark.parametrize(
    ("key", "value", "kind"),
    [
        ("program", "a.prw\r\n[patchApply]\r\naction=patchApply", ValueKind.PATH),
        ("program", "a.prw\nrecompile=F", ValueKind.PATH),
        ("program", "a.prw,/etc/other.prw", ValueKind.PATH),
        ("includes", "/inc;/tmp/evil", ValueKind.PATH),
        ("patchFile", "[x].ptm", ValueKind.PATH),
        ("environment", "prod\n[deleteProg]", ValueKind.TEXT),
        ("user", "admin=x", ValueKind.TEXT),
        ("user", "${psw}", ValueKind.TEXT),
        ("psw", "pa;ss", ValueKind.SECRET),
        ("psw", "pass\r\nsecure=0", ValueKind.SECRET),
    ],
)
def test_values_that_could_inject_sections_or_keys_are_refused(key: str, value: str, kind: ValueKind) -> None:
    with pytest.raises(ScriptInjectionError, match=f"refused: {key} value"):
        render_script([Section("s", "compile", {key: (value, kind)})])


def test_refusing_a_password_does_not_show_it() -> None:
    with pytest.raises(ScriptInjectionError) as refused:
        render_script([_config(password="top;secret").authentication()])
    assert "top" not in str(refused.value)
    assert "the password" in str(refused.value)


def test_config_repr_hides_the_password() -> None:
    assert "s3cr3t" not in repr(_config())


def test_command_line_syntax_follows_the_advpls_version(tmp_path: Path) -> None:
    script = tmp_path / "s.ini"
    assert _config(syntax="cli").argv(script) == [str(ADVPLS), "cli", str(script)]
    assert _config(syntax="tdsCli").argv(script) == [str(ADVPLS), f"--tdsCli={script}"]
    version = _config().package_version()
    assert version is not None
    expected = f"--tdsCli={script}" if version.startswith("1.") else "cli"
    assert expected in _config().argv(script)


# -- output parsing on recorded replies --------------------------------------------------


def _recorded(name: str) -> str:
    return (RECORDED / name).read_text(encoding="cp1252")


def test_successful_compile_lists_each_source() -> None:
    parsed = parse_output(_recorded("compile_success.txt"))
    assert parsed.compiled == ["/work/src/fat001.prw", "/work/src/mata999.prw"]
    assert parsed.diagnostics == []
    assert parsed.batch_error is None
    assert not parsed.aborted


def test_compile_errors_become_the_bridge_diagnostics() -> None:
    parsed = parse_output(_recorded("compile_errors.txt"))
    rendered = [(d.file, d.line, d.code, d.severity, d.message) for d in parsed.diagnostics]
    assert rendered == [
        ("dialog.ch", 0, "C2001", Severity.ERROR, "Syntax error:"),
        ("", 1, "C0000", Severity.ERROR, "Can not compile files without valid content"),
        ("FAT001.PRW", 12, "C2011", Severity.WARNING, "Variable nTotal declared but not used"),
        ("GAAPI001.PRW", 98, "C2003", Severity.ERROR, "Syntax Error"),
        ("CCJOBDEL.PRW", 90, "C9907", Severity.ERROR, "Invalid use of Annotation in ADVPL source file"),
    ]
    assert parsed.aborted
    assert parsed.batch_error == 2
    assert parsed.compiled == ["/work/src/fat001.prw"]


def test_patch_validate_failure_reports_the_batch_error() -> None:
    parsed = parse_output(_recorded("patch_validate_outdated.txt"))
    assert parsed.batch_error == 5
    assert parsed.diagnostics == []


def test_language_server_log_prefix_is_understood() -> None:
    line = "[Error - 10:42:01] [FATAL] Aborting: GAAPI001.PRW(98) C2003 Syntax Error"
    [diagnostic] = parse_output(line).diagnostics
    assert diagnostic.render() == "GAAPI001.PRW(98) C2003 Syntax Error"


# -- the real advpls, with a stand-in AppServer socket --------------------------------------


@pytest.fixture
def closed_port() -> int:
    """A loopback port nobody listens on: the connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback 'AppServer' that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield int(server.getsockname()[1])
    server.close()
    for connection in accepted:
        connection.close()


@pytest.fixture
def sources(tmp_path: Path) -> CompileRequest:
    # Not a skip: these tests are the only proof the real binary behaves as parsed.
    assert ADVPLS.is_file(), "advpls is missing: run scripts/install-advpls.sh"
    root = tmp_path / "repo"
    root.mkdir()
    (root / "fat001.prw").write_bytes(b"User Function FAT001()\r\nReturn\r\n")
    return CompileRequest(root, ["fat001.prw"])


def test_real_advpls_reports_a_refused_connection_clearly(closed_port: int, sources: CompileRequest) -> None:
    backend = TdsCliBackend(_config(port=str(closed_port)))
    with pytest.raises(AppServerConnectionError) as refused:
        backend.compile(sources)
    message = str(refused.value)
    assert f"cannot connect to AppServer 127.0.0.1:{closed_port}" in message
    assert "s3cr3t" not in message


def test_real_advpls_against_a_silent_server_times_out_clearly(
    silent_port: int, sources: CompileRequest
) -> None:
    backend = TdsCliBackend(_config(port=str(silent_port), timeout_seconds=3))
    with pytest.raises(AppServerConnectionError, match=f"no answer from 127.0.0.1:{silent_port} within 3 s"):
        backend.compile(sources)


def test_injection_is_refused_before_advpls_runs(sources: CompileRequest, tmp_path: Path) -> None:
    evil = sources.root / "a,b.prw"
    evil.write_bytes(b"Function A()\r\n")
    backend = TdsCliBackend(_config(advpls=tmp_path / "does-not-exist"))
    with pytest.raises(ScriptInjectionError, match="could inject"):
        backend.compile(CompileRequest(sources.root, ["a,b.prw"]))


def test_missing_binary_is_a_clear_error(sources: CompileRequest, tmp_path: Path) -> None:
    backend = TdsCliBackend(_config(advpls=tmp_path / "advpls"))
    with pytest.raises(Exception, match="cannot run advpls at"):
        backend.compile(sources)
