"""The compiler bridge: one interface (``types.CompilerBackend``) over the built-in
checker, the real TOTVS ``advpls`` and a fake; ``backends.get_backend`` picks one."""

from protheus_ci.compiler_bridge.types import (
    CompiledUnit,
    CompilerBackend,
    CompilerBridgeError,
    CompileRequest,
    CompileResult,
    Diagnostic,
    Severity,
    SourceFile,
    Symbol,
)

__all__ = [
    "CompileRequest",
    "CompileResult",
    "CompiledUnit",
    "CompilerBackend",
    "CompilerBridgeError",
    "Diagnostic",
    "Severity",
    "SourceFile",
    "Symbol",
]
