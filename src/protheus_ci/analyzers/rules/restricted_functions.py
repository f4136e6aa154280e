"""LEG007: calls to TOTVS internal functions restricted to the product."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call

#: Names on both public restricted-function lists (valida-advpl
#: `src/models/Restritos.ts` and plugadvpl `lookups/funcoes_restritas.json`,
#: which both transcribe TOTVS's "uso restrito" list), without the
#: general-purpose ones those lists also carry but TDN documents for customer
#: use (CriaVar, LastKey, CalcEst, TFontEx, HeadProva/DetProva, WFPrepEnv...).
#: StaticCall, PTInternal and BeginTran/EndTran have rules of their own.
RESTRICTED = (
    "x31updtable",
    "__saveparam",
    "opensxs",
    "proxnum",
    "spf_seek",
    "spf_update",
    "waitrunsrv",
    "findprofdef",
    "writeprofdef",
    "msclearbuffer",
    "fwchkfuncaccess",
    "fwjwt2bear",
    "geratmp",
    "file2printer",
    "avcpyfile",
    "f_opcoes",
    "fwmvcrotauto",
    "nxtsx5nota",
    "validaautonfe",
    "autonfeenv",
    "nfeprocnfe",
    "wsnfesbra",
    "speddanfe",
    "malibdofat",
    "maliberok",
    "maavalsc9",
    "maavalcred",
    "maavlibped",
    "macandelf2",
    "madelnfs",
    "ma410impos",
    "a410recalc",
    "a410multt",
    "a460estorna",
    "a103nfiscal",
    "a140nfiscal",
    "ca100incl",
    "getnumsc7",
)


@on_call("LEG007", *RESTRICTED)
def restricted_functions(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    # A source that defines a function of the same name calls its own.
    if any(scope.name.lower() == name for scope in ctx.functions):
        return
    function = call.child_by_field_name("function")
    yield ctx.hit(function or call, function=ctx.text(function) if function else name)
