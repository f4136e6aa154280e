"""The one registry of compiler backends, by the name the CLI and the pipeline use."""

from __future__ import annotations

from collections.abc import Callable

from protheus_ci.compiler_bridge.builtin.backend import BuiltinBackend
from protheus_ci.compiler_bridge.tdscli.backend import TdsCliBackend
from protheus_ci.compiler_bridge.tdscli.runner import TdsCliConfig
from protheus_ci.compiler_bridge.types import CompilerBackend, CompilerBridgeError

BACKENDS: dict[str, Callable[[], CompilerBackend]] = {
    "builtin": BuiltinBackend,
    "tdscli": lambda: TdsCliBackend(TdsCliConfig.from_environment()),
}


def get_backend(name: str) -> CompilerBackend:
    try:
        factory = BACKENDS[name]
    except KeyError:
        raise CompilerBridgeError(
            f"unknown compiler backend {name!r}; choose from {', '.join(BACKENDS)}"
        ) from None
    return factory()
