"""Shared test fixtures. Every test runs out of the real home directory."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture
def sources_dir() -> Path:
    """Hand-written ADVPL/TLPP sources: CP1252 with CRLF, UTF-8 with LF, and a header."""
    return FIXTURES / "sources"
