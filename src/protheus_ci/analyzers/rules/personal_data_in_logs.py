"""SEC005: personal data (CPF/CNPJ, RG, e-mail, phone, passwords) written to logs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext
from protheus_ci.analyzers.rules.api import Hit, on_call

#: Dictionary fields holding personal data: A1_CGC, A2_CGC, RA_CIC (CPF),
#: RA_RG, A1_EMAIL, RA_EMAIL, A1_TEL, RA_TELEFON, RA_NUMCELU, ... but not the
#: SM0 company file's own (M0_CGC is the company's CNPJ).
_PERSONAL_FIELD = re.compile(
    r"^(?!M0_)[A-Z][A-Z0-9]{1,2}_(CGC|CIC|CPF|CNPJ|RG|E_?MAIL|TEL\w*|FONE\w*|CEL\w*|NUMCEL\w*|SENHA\w*)$", re.IGNORECASE
)
#: Words of a variable name (cCpfCli -> c, Cpf, Cli; cRG -> c, RG).
_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+")
_PERSONAL_WORDS = frozenset(
    {"cpf", "cnpj", "cgc", "rg", "email", "telefone", "fone", "celular", "senha", "password", "passwd", "pwd"}
)


_FIELD = re.compile(r"^[A-Z][A-Z0-9]{1,2}_", re.IGNORECASE)


def _is_personal(ctx: FileContext, identifier: Node) -> bool:
    name = ctx.text(identifier)
    if _FIELD.match(name):
        return _PERSONAL_FIELD.match(name) is not None
    return any(word.lower() in _PERSONAL_WORDS for word in _WORD.findall(name))


def _values(node: Node) -> Iterator[Node]:
    """Identifiers whose value is written: not the names of called functions."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "identifier":
            yield current
        elif current.type == "call_expression":
            arguments = current.child_by_field_name("arguments")
            if arguments is not None:
                stack.append(arguments)
        else:
            stack.extend(current.named_children)


@on_call("SEC005", "conout", "fwlogmsg", "logmsg")
def personal_data_in_logs(ctx: FileContext, call: Node, name: str) -> Iterator[Hit]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return
    for identifier in _values(arguments):
        if _is_personal(ctx, identifier):
            function = call.child_by_field_name("function")
            yield ctx.hit(identifier, data=ctx.text(identifier), function=ctx.text(function) if function else name)
            return
