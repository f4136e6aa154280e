"""The advpls INI script (TDS-cli-script.md): CP1252, one ``action=`` per section.

Every value goes through :func:`checked` first. A value is written after ``key=`` on a
line of its own, so what could break out of it is a line break (a new key or a new
``[section]``), a ``${VAR}`` expansion, and, in paths and program lists, the list
separators ``,`` and ``;`` (they would smuggle in another file) and brackets. Such values
are refused, never escaped: there is no escaping in this format.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from protheus_ci.compiler_bridge.types import CompilerBridgeError


class ValueKind(enum.Enum):
    TEXT = "text"  # server names, environment, user, build
    PATH = "path"  # a file or folder name
    SECRET = "secret"  # a password: never shown, even in the refusal
    LIST = "list"  # paths joined by their separator, each already checked as PATH


_ALWAYS_FORBIDDEN = ("\r", "\n", "\x00", "${")
_FORBIDDEN = {
    ValueKind.TEXT: (";", "[", "]", "="),
    ValueKind.PATH: (";", ",", "[", "]", "="),
    ValueKind.SECRET: (";",),
    ValueKind.LIST: ("[", "]", "="),
}


class ScriptInjectionError(CompilerBridgeError):
    """A value would change the structure of the INI script."""


def checked(key: str, value: str, kind: ValueKind) -> str:
    for bad in (*_ALWAYS_FORBIDDEN, *_FORBIDDEN[kind]):
        if bad in value:
            shown = "the password" if kind is ValueKind.SECRET else repr(value)
            raise ScriptInjectionError(
                f"refused: {key} value {shown} contains {bad!r}, which could inject INI sections or keys"
            )
    try:
        value.encode("cp1252")
    except UnicodeEncodeError as exc:
        raise ScriptInjectionError(f"refused: {key} value is not representable in CP1252") from exc
    return value


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    action: str
    values: Mapping[str, tuple[str, ValueKind]]


def render_script(sections: Sequence[Section], log_file: str | None = None) -> bytes:
    lines = ["showConsoleOutput=true"]
    if log_file is not None:
        lines.append(f"logToFile={checked('logToFile', log_file, ValueKind.PATH)}")
    for section in sections:
        lines.append("")
        lines.append(f"[{checked('section', section.name, ValueKind.TEXT)}]")
        lines.append(f"action={checked('action', section.action, ValueKind.TEXT)}")
        for key, (value, kind) in section.values.items():
            lines.append(f"{key}={checked(key, value, kind)}")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def path_list(key: str, paths: Sequence[str], separator: str = ",") -> tuple[str, ValueKind]:
    """A list of paths, each checked as a path before they are joined."""
    return separator.join(checked(key, p, ValueKind.PATH) for p in paths), ValueKind.LIST
