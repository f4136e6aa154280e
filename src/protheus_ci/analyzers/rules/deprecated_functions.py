"""LEG008: deprecated functions, classes and parameters, with their replacement."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call
from protheus_ci.analyzers.rules.call_arguments import argument

#: Deprecated name -> what replaces it (TOTVS CA1006/CA2020 and the
#: deprecated entries of valida-advpl's list).
REPLACEMENTS = {
    "allusers": "FWSFALLUSERS()",
    "fwmsexcel": "FWMsExcelEx or FWMsExcelXlsx",
    "fwjsonserialize": "JsonObject",
    "fwjsondeserialize": "JsonObject",
}
#: Parameter readers, for parameters retired in Protheus 12.
PARAMETER_READERS = ("getmv", "supergetmv", "getnewpar")
RETIRED_PARAMETERS = {"mv_folmes": "the payroll period table (RCH)"}


@on_call("LEG008", *REPLACEMENTS, *PARAMETER_READERS)
def deprecated_functions(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    function = call.child_by_field_name("function")
    if name in REPLACEMENTS:
        yield ctx.hit(
            function or call, function=ctx.text(function) if function else name, replacement=REPLACEMENTS[name]
        )
        return
    first = argument(call, 0)
    if first is not None and first.type == "string":
        parameter = ctx.lower(first).strip("\"'[] ")
        if parameter in RETIRED_PARAMETERS:
            yield ctx.hit(first, function=parameter.upper(), replacement=RETIRED_PARAMETERS[parameter])
