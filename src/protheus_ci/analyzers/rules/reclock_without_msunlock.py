"""TRN001: RecLock without a MsUnlock in the same function."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call


@on_call("TRN001", "reclock")
def reclock_without_msunlock(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    scope = ctx.function_at(call)
    unlocks = ctx.calls_in(scope, "msunlock", "msunlockall", "dbunlock", "dbunlockall", "msrunlock")
    # An unlock anywhere after the lock in the same function counts: the common
    # "If RecLock(...) ... MsUnlock() EndIf" shape, and loops, all end that way.
    if not any(unlock.start_byte > call.start_byte for unlock in unlocks):
        yield ctx.hit(call)
