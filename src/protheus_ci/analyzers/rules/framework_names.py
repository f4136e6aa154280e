"""Names the Protheus framework owns, shared by the scoping and naming rules:
the public variables every routine sees, and the shapes of entry points."""

from __future__ import annotations

import re

from protheus_ci.analyzers.context import FileContext, FunctionScope

#: Shadowing these with a Local breaks the routine: the framework reads or sets
#: the public one, the code reads its own copy.
SHADOWING_SENSITIVE = frozenset(
    {
        "cfilant",
        "cempant",
        "cusername",
        "cmodulo",
        "nmodulo",
        "ddatabase",
        "paramixb",
        "arotina",
        "lmserroauto",
        "inclui",
        "altera",
        "omainwnd",
        "__cuserid",
    }
)

#: Publics and Privates the framework creates before customer code runs (or
#: that customer code is expected to assign for the framework to read): the
#: shadowing-sensitive ones and these.
FRAMEWORK_PUBLICS = SHADOWING_SENSITIVE | frozenset(
    {
        "lmshelpauto",
        "lautoerrnofile",
        "cversao",
        "cnumemp",
        "ccadastro",
        "cusuario",
        "acols",
        "aheader",
        "n",
        "__lpyme",
        "__ttsinuse",
        "cacesso",
        "cpaisloc",
    }
)

#: MV_PAR01.. (the answers of Pergunte) and PARAMIXB with its variants.
_FRAMEWORK_PATTERN = re.compile(r"^(?:mv_par\w+|paramixb\w*)$")


def is_framework_public(name: str) -> bool:
    lowered = name.lower()
    return lowered in FRAMEWORK_PUBLICS or _FRAMEWORK_PATTERN.match(lowered) is not None


#: Entry points are User Functions named by TOTVS, not by the customer: a short
#: letter prefix, the routine number, then the event (MT100GRV, A010TOK,
#: MA020TDOK, FA040INC, M460FIM, SF2460I).
_ENTRY_POINT = re.compile(r"^[A-Z]{1,4}\d{2,4}[A-Z0-9_]*$", re.IGNORECASE)


def looks_like_entry_point(name: str) -> bool:
    return _ENTRY_POINT.match(name) is not None


def reads_paramixb(ctx: FileContext, scope: FunctionScope) -> bool:
    """Entry points receive their arguments in PARAMIXB; customer routines do not.
    MVC entry points are even named after the model, like the routine itself."""
    return b"paramixb" in ctx.data[scope.start_byte : scope.end_byte].lower()
