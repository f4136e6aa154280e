"""Shared by SEC004 and UI001: which functions of a file run without a user
interface, as web-service endpoints or as jobs that set up their own
environment, and which functions of the same file those call directly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from protheus_ci.analyzers.context import FileContext, FunctionScope
from protheus_ci.analyzers.rules.call_arguments import argument
from protheus_ci.analyzers.rules.ui_calls import UI_CALLS

#: TLPP REST verbs, as `@Get(` ... annotations (the grammar keeps the `(`).
_REST_ANNOTATION = re.compile(r"@(get|post|put|delete|patch)\s*\(", re.IGNORECASE)
_REST_ANNOTATION_BYTES = re.compile(rb"@(get|post|put|delete|patch)\s*\(", re.IGNORECASE)
_SERVICE_DECLARATION = re.compile(rb"^[ \t]*ws(restful|service)\b", re.IGNORECASE | re.MULTILINE)
#: PREPARE ENVIRONMENT is a command, not a call, so it is found in the bytes.
PREPARE_ENVIRONMENT = re.compile(rb"^[ \t]*prepare[ \t]+environment\b", re.IGNORECASE | re.MULTILINE)
ENVIRONMENT_SETUP_CALLS = ("rpcsetenv",)
#: Dialog commands are preprocessed into object calls, so they are found in the bytes.
DIALOG_COMMAND = re.compile(
    rb"^[ \t]*(?:define|activate)[ \t]+(?:msdialog|dialog|window)\b", re.IGNORECASE | re.MULTILINE
)
WINDOW_CLASSES = ("msdialog", "tdialog", "fwdialogmodal", "msapp", "twindow")


#: A condition that tells screen from screenless runs: IsBlind() itself, or the
#: flags code keeps it in (lJob, lAuto, lSchedule, l_Blind...), or the checks
#: on the main window and remote type some code uses instead.
_BLIND_TEST = re.compile(r"isblind|job|blind|auto|sched|getremotetype|omainwnd", re.IGNORECASE)
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_IF_TYPES = frozenset({"if_statement", "elseif_clause"})
_INLINE_IFS = frozenset({"iif", "if"})


def _tests_blind(ctx: FileContext, condition: Node, scope: FunctionScope) -> bool:
    """The condition tests for a screen, directly or through a flag the function
    set from such a test (`lWind := Type("oMainWnd") <> "U"` ... `If !lWind`)."""
    text = ctx.text(condition)
    if _BLIND_TEST.search(text):
        return True
    for name in set(_IDENTIFIER.findall(text)):
        flag = re.compile(
            rb"\b" + re.escape(name.encode("cp1252", "replace")) + rb"\s*:?=[^\r\n]*(?:isblind|omainwnd|getremotetype)",
            re.IGNORECASE,
        )
        if flag.search(ctx.data, scope.start_byte, condition.start_byte):
            return True
    return False


def guarded(ctx: FileContext, node: Node, scope: FunctionScope) -> bool:
    current = node
    while current.parent is not None and current != scope.node:
        parent = current.parent
        if parent.type in _IF_TYPES:
            condition = parent.child_by_field_name("condition")
            if condition is not None and condition != current and _tests_blind(ctx, condition, scope):
                return True
        elif parent.type == "arguments" and parent.parent is not None and parent.parent.type == "call_expression":
            function = parent.parent.child_by_field_name("function")
            test = argument(parent.parent, 0)
            if (
                function is not None
                and ctx.lower(function) in _INLINE_IFS
                and test is not None
                and test != current
                and _tests_blind(ctx, test, scope)
            ):
                return True
        current = parent
    return _returns_early_when_blind(ctx, node, scope)


def _returns_early_when_blind(ctx: FileContext, node: Node, scope: FunctionScope) -> bool:
    """`If IsBlind() ... Return ... EndIf` before the call."""
    for test in ctx.calls_in(scope, "isblind"):
        if test.start_byte >= node.start_byte:
            break
        statement = ctx.ancestor(test, frozenset({"if_statement"}))
        consequence = statement.child_by_field_name("consequence") if statement is not None else None
        if (
            statement is not None
            and consequence is not None
            and statement.end_byte <= node.start_byte
            and bool(ctx.returns_in(consequence))
        ):
            return True
    return False


@dataclass
class EntryPoints:
    """Functions (by start byte) that are entry points, and the same-file
    functions they call directly (with the name of one caller)."""

    endpoints: set[int] = field(default_factory=set)
    jobs: set[int] = field(default_factory=set)
    callees: dict[int, str] = field(default_factory=dict)

    def reachable(self, scope: FunctionScope | None) -> bool:
        if scope is None:
            return False
        start = scope.start_byte
        return start in self.endpoints or start in self.jobs or start in self.callees


def entry_points(ctx: FileContext) -> EntryPoints:
    return ctx.memo("job_entry_points", lambda: _find_entry_points(ctx))


def _find_entry_points(ctx: FileContext) -> EntryPoints:
    found = EntryPoints()
    annotated_methods: set[tuple[str, str]] = set()
    if b"@" in ctx.data and _REST_ANNOTATION_BYTES.search(ctx.data):
        for node in ctx.descendants(ctx.tree.root_node, frozenset({"class_definition"})):
            annotated_methods |= _annotated_methods(ctx, node)
    for scope in ctx.functions:
        if scope.kind == "wsmethod" or _is_rest_function(ctx, scope, annotated_methods):
            found.endpoints.add(scope.start_byte)
    setups = [call.start_byte for call in ctx.calls_in(None, *ENVIRONMENT_SETUP_CALLS)]
    if b"nvironment" in ctx.data or b"NVIRONMENT" in ctx.data:  # cheap test before the scan
        setups += [match.end() - 1 for match in PREPARE_ENVIRONMENT.finditer(ctx.data)]
    for offset in sorted(setups):
        owner = ctx.function_at_byte(offset)
        if owner is not None and owner.start_byte not in found.jobs and _is_job(ctx, owner, offset):
            found.jobs.add(owner.start_byte)
    found.callees = _direct_callees(ctx, found.endpoints | found.jobs)
    return found


def _annotated_methods(ctx: FileContext, class_node: Node) -> set[tuple[str, str]]:
    """(class, method) pairs whose declaration carries a REST annotation."""
    name = class_node.child_by_field_name("name")
    methods: set[tuple[str, str]] = set()
    previous: Node | None = None
    for child in class_node.named_children:
        if child.type == "method_declaration" and previous is not None and previous.type == "annotation":
            method = child.child_by_field_name("name")
            if name is not None and method is not None and _REST_ANNOTATION.match(ctx.text(previous)):
                methods.add((ctx.lower(name), ctx.lower(method)))
        previous = child
    return methods


def _is_rest_function(ctx: FileContext, scope: FunctionScope, annotated_methods: set[tuple[str, str]]) -> bool:
    if scope.kind == "method":
        return (scope.class_name.lower(), scope.name.lower()) in annotated_methods
    return any(
        child.type == "annotation" and _REST_ANNOTATION.match(ctx.text(child)) is not None
        for child in scope.node.named_children
    )


def _call_name(scope: FunctionScope) -> str:
    lowered = scope.name.lower()
    return f"u_{lowered}" if scope.kind == "user" else lowered


def _is_job(ctx: FileContext, scope: FunctionScope, setup: int) -> bool:
    """Preparing an environment makes a job entry point when the function
    takes parameters or is named as a job, unless it runs under a screen: it
    is called by the same source (often from a progress dialog, as dictionary
    updaters do for each company), it only prepares one when none is open
    (`If Select("SX2") == 0`: a program that can also start from the menu or
    SmartClient), it has already talked to a user, itself or through a
    function of the source (menu routines that switch company), or it builds
    its own window."""
    # Schedule and StartJob hand a job its company and branch as parameters;
    # a function with none that opens a fixed environment is, in practice, a
    # developer's test harness run from SmartClient.
    takes_parameters = any(d.scope == "parameter" for d in scope.declarations.values())
    if not takes_parameters and "job" not in scope.name.lower():
        return False
    called = ctx.calls.get(_call_name(scope), ())
    if any(not scope.start_byte <= call.start_byte < scope.end_byte for call in called):
        return False
    node = ctx.tree.root_node.descendant_for_byte_range(setup, setup)
    if node is not None and ctx.ancestor(node, _IF_TYPES) is not None:
        return False
    if any(call.start_byte < setup for call in ctx.calls_in(scope, *UI_CALLS)):
        return False
    with_ui = {_call_name(f) for f in ctx.functions if f is not scope and ctx.calls_in(f, *UI_CALLS)}
    if any(call.start_byte < setup for call in ctx.calls_in(scope, *with_ui)):
        return False
    # A program that builds its own window is started from SmartClient by a
    # user (test and utility programs open their environment this way).
    return not ctx.calls_in(scope, *WINDOW_CLASSES) and not DIALOG_COMMAND.search(
        ctx.data, scope.start_byte, scope.end_byte
    )


def _direct_callees(ctx: FileContext, entries: set[int]) -> dict[int, str]:
    if not entries:
        return {}
    by_name = {
        _call_name(scope): scope.start_byte for scope in ctx.functions if scope.kind not in ("method", "wsmethod")
    }
    callees: dict[int, str] = {}
    for name, calls in ctx.calls.items():
        target = by_name.get(name)
        if target is None or target in entries:
            continue
        for call in calls:
            caller = ctx.function_at(call)
            if caller is not None and caller.start_byte in entries and not guarded(ctx, call, caller):
                callees[target] = caller.name
                break
    return callees


def is_service_function(ctx: FileContext, scope: FunctionScope | None) -> bool:
    """A web-service method or REST endpoint, or any function of a source that
    declares a REST or SOAP service (read from the bytes: a declaration after a
    function's Return can parse as part of that function's body)."""
    if _SERVICE_DECLARATION.search(ctx.data) is not None:
        return True
    return scope is not None and scope.start_byte in entry_points(ctx).endpoints
