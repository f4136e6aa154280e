"""Key files are written once, whole, readable by their owner only; of processes that
race to create one, exactly one wins and every one of them reads the winner's key."""

from __future__ import annotations

import stat
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from protheus_ci.artifacts import service_key
from protheus_ci.keyfiles import create_once


def test_a_key_file_is_created_once_with_owner_only_access(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "k"
    assert create_once(path, b"first")
    assert not create_once(path, b"second")
    assert path.read_bytes() == b"first"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(item.name for item in path.parent.iterdir()) == ["k"]


def _create(arguments: tuple[Path, int]) -> tuple[bool, bytes]:
    path, number = arguments
    won = create_once(path, f"key of process {number} ".encode() * 1000)
    return won, path.read_bytes()


def _signing_key_id(data: Path) -> str:
    return service_key(data).keyid


def test_racing_processes_agree_on_one_whole_key(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "raced"
    with ProcessPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(_create, [(path, number) for number in range(16)]))
        key_ids = set(pool.map(_signing_key_id, [tmp_path / "data"] * 16))
    winners = [content for won, content in outcomes if won]
    assert len(winners) == 1
    assert {content for _, content in outcomes} == {winners[0]} == {path.read_bytes()}
    assert len(key_ids) == 1
