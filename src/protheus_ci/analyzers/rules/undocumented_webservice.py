"""DOC003: REST or SOAP web service without a ProtheusDOC block."""

from __future__ import annotations

from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_query
from protheus_ci.analyzers.rules.protheus_doc import is_documented

# WSSTRUCT and WSCLIENT are data shapes and generated client code, not services.
_QUERY = '(webservice_definition kind: _ @kind name: (identifier) @name (#match? @kind "(?i)^ws(restful|service)$")) @definition'


@on_query("DOC003", _QUERY)
def undocumented_webservice(ctx: FileContext, captures: dict[str, list[Node]]) -> Iterator[Hit]:
    name = captures["name"][0]
    if not is_documented(ctx, captures["definition"][0].start_byte, ctx.text(name)):
        yield ctx.hit(name, name=ctx.text(name), kind=ctx.text(captures["kind"][0]).upper())
