"""NAM003: a customer function named like a TOTVS standard routine."""

from __future__ import annotations

import re
from collections.abc import Iterator

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_file
from protheus_ci.analyzers.rules.framework_names import reads_paramixb

#: Module prefix, routine type (A update, R report, C query, M process, X
#: configuration) and three digits: MATA010, FINA040, CTBA102, MATR110.
_STANDARD_ROUTINE = re.compile(
    r"^(?:MAT|FIN|CTB|FAT|COM|EST|GPE|PON|TMK|OMS|LOJ|FIS|ATF|CNT|PCO|MNT|QIE|QMT|QNC|TEC|TMS|WMS|CRM|GCT"
    r"|EEC|EIC|EDC|ECO|FRT|CSA|APD|RSP|TRM|MDT|SGA|PMS|TAF|GFE|AGR|OGA|CFG|CTA|ACD|PLS|HSP|GCP|JUR|TUR)"
    r"[ARCMX]\d{3}$",
    re.IGNORECASE,
)


def _routine_type(name: str) -> str:
    return name[3].upper()


@on_file("NAM003")
def standard_routine_name(ctx: FileContext) -> Iterator[Hit]:
    for scope in ctx.functions:
        if scope.kind in ("method", "wsmethod") or not _STANDARD_ROUTINE.match(scope.name):
            continue
        # Some entry points are User Functions named exactly like their routine:
        # MVC ones after the model (reading PARAMIXB), and older ones run at the
        # end of an update routine (User Function MATA040, FINA080). Reports
        # have no such entry points, so a User Function MATR110 is a copy.
        if scope.kind == "user" and (_routine_type(scope.name) != "R" or reads_paramixb(ctx, scope)):
            continue
        name = scope.node.child_by_field_name("name")
        yield ctx.hit(name or scope.node, name=scope.name)
