"""Publishing to an AppServer target with the real advpls; the AppServer is a closed port."""

from __future__ import annotations

import socket
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from protheus_ci.artifacts import BuildInfo, SigningKey, build_package
from protheus_ci.compiler_bridge.tdscli.backend import PTM_MEDIA_TYPE
from protheus_ci.compiler_bridge.tdscli.runner import TdsCliConfig
from protheus_ci.compiler_bridge.types import CompiledUnit, CompileResult
from protheus_ci.environments import EnvironmentKind, PublishError, TargetType, create_environment, publish
from protheus_ci.environments.appserver import apply_to_appserver

ADVPLS = Path(__file__).parents[2] / ".tools/tds-ls/node_modules/@totvs/tds-ls/bin/linux/advpls"


@pytest.fixture
def closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return str(probe.getsockname()[1])


def test_patch_apply_to_an_unreachable_appserver_leaves_no_release(
    tmp_path: Path, data: Path, key: SigningKey, closed_port: str
) -> None:
    assert ADVPLS.is_file(), "advpls is missing: run scripts/install-advpls.sh"
    store = create_environment(
        data,
        "acme",
        "prd",
        EnvironmentKind.PRODUCTION,
        TargetType.APPSERVER,
        {"server": "127.0.0.1", "port": closed_port, "environment": "P12"},
    )
    unit = CompiledUnit("", "build.ptm", b"PTM-bytes", PTM_MEDIA_TYPE)
    result = CompileResult("tdscli", "1.1.43", (), (unit,))
    package = tmp_path / "ptm.zip"
    build_package(result, BuildInfo("acme", "https://git.example/acme/erp", "abc", 3), key, package)
    apply = partial(apply_to_appserver, config=TdsCliConfig(ADVPLS, password="pw", timeout_seconds=60))
    with pytest.raises(PublishError, match=f"cannot connect to AppServer 127.0.0.1:{closed_port}"):
        publish(store, package, [key.trusted], apply=apply)
    assert store.current() is None
    assert store.history() == []


def test_a_builtin_build_cannot_go_to_an_appserver(
    data: Path, key: SigningKey, make_artifact: Callable[[str], Path]
) -> None:
    store = create_environment(data, "acme", "prd", EnvironmentKind.PRODUCTION, TargetType.APPSERVER)
    with pytest.raises(PublishError, match=r"no \.ptm patch"):
        publish(store, make_artifact("v1"), [key.trusted], apply=apply_to_appserver)
    assert store.current() is None
