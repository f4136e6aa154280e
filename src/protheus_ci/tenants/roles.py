"""The closed set of roles a token carries, and what each may do."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    DEVELOPER = "developer"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    OPERATOR = "operator"
    ADMIN = "admin"


class Permission(enum.StrEnum):
    READ = "read"
    PUSH = "push"
    CONTROL_RUNS = "control-runs"


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.DEVELOPER: frozenset({Permission.READ, Permission.PUSH, Permission.CONTROL_RUNS}),
    Role.REVIEWER: frozenset({Permission.READ}),
    Role.APPROVER: frozenset({Permission.READ}),
    Role.OPERATOR: frozenset({Permission.READ, Permission.CONTROL_RUNS}),
    Role.ADMIN: frozenset(Permission),
}


def allows(role: Role, permission: Permission) -> bool:
    return permission in _GRANTS[role]
