"""The file an `#include` names, for the include rules."""

from __future__ import annotations

import re

_SEPARATOR = re.compile(r"[\\/]")


def include_target(path_text: str) -> str:
    """`"..\\inc\\XYZ.CH"` -> `..\\inc\\XYZ.CH`: the path between its quotes or brackets."""
    return path_text.strip().strip("\"'<>").strip()


def include_basename(path_text: str) -> str:
    return _SEPARATOR.split(include_target(path_text))[-1]
