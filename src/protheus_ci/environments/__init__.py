"""Environments and releases: publish, roll back, promote, create (one verb per module)."""

from protheus_ci.environments.create import create_environment
from protheus_ci.environments.model import Environment, EnvironmentKind, PublishError, Release, TargetType
from protheus_ci.environments.promote import promote
from protheus_ci.environments.publish import PublishOutcome, publish
from protheus_ci.environments.rollback import rollback
from protheus_ci.environments.store import EnvironmentStore, list_environments

__all__ = [
    "Environment",
    "EnvironmentKind",
    "EnvironmentStore",
    "PublishError",
    "PublishOutcome",
    "Release",
    "TargetType",
    "create_environment",
    "list_environments",
    "promote",
    "publish",
    "rollback",
]
