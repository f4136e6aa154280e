from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from protheus_ci.artifacts import BuildInfo, SigningKey, build_package, service_key
from protheus_ci.compiler_bridge.builtin.backend import BuiltinBackend
from protheus_ci.compiler_bridge.types import CompileRequest


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def key(data: Path) -> SigningKey:
    return service_key(data)


@pytest.fixture
def make_artifact(tmp_path: Path, key: SigningKey) -> Callable[[str], Path]:
    """Build a signed package whose one source returns ``text``; same text, same digest."""
    counter = iter(range(1, 1000))

    def make(text: str) -> Path:
        number = next(counter)
        root = tmp_path / f"src{number}"
        root.mkdir()
        (root / "fat001.prw").write_text(f"User Function FAT001()\r\nReturn '{text}'\r\n", encoding="cp1252")
        result = BuiltinBackend().compile(CompileRequest(root, ["fat001.prw"]))
        path = tmp_path / "artifacts" / f"{text}-{number}.zip"
        build_package(result, BuildInfo("acme", "https://git.example/acme/erp", text, 1), key, path)
        return path

    return make
