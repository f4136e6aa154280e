"""The service's tables. Every row below ``Tenant`` reaches its tenant in one hop, so an
authorisation check is one ``tenant_id`` comparison."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from protheus_ci.db.sealed import SealedText


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: DateTime(timezone=True)}


class Tenant(Base):
    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("tenant_id", "login"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    login: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    # The first characters of the token, stored in clear so a token can be looked up
    # without scanning; the rest is only ever stored as a SHA-256 digest.
    lookup: Mapped[str] = mapped_column(String(16), unique=True)
    digest: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]


class Repository(Base):
    __tablename__ = "repositories"
    __table_args__ = (UniqueConstraint("tenant_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # "hosted" for pushes straight to us, or the forge a mirror follows.
    forge: Mapped[str] = mapped_column(String(20), default="hosted")
    remote_url: Mapped[str] = mapped_column(Text, default="")
    # Shared with the forge: HMAC key, GitLab token or Azure Basic password. Sealed at
    # rest, like the forge password below (see ``db.sealed``).
    webhook_secret: Mapped[str] = mapped_column(SealedText, default="")
    # Credentials for fetching from the remote and for posting commit statuses. Never
    # logged, never returned by the API.
    remote_username: Mapped[str] = mapped_column(String(200), default="")
    remote_password: Mapped[str] = mapped_column(SealedText, default="")
    forge_api_url: Mapped[str] = mapped_column(Text, default="")
    # The forge's id for the repository: "owner/name", a GitLab project id, "org/project/repo".
    forge_project: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    tenant: Mapped[Tenant] = relationship()


# Literals, not bound parameters: a query uses a partial index only when its WHERE
# clause holds the index's condition word for word.
RUNNING_ONLY = "state = 'running'"
QUEUED_ONLY = "state = 'queued'"


class Run(Base):
    __tablename__ = "runs"
    # Every index is written by every webhook delivery, so there are only those a query
    # needs: the push's cancel of its ref's active runs, and the periodic looks for
    # running runs whose lease expired and for queued runs the queue may have lost, in
    # partial indexes that hold only the few running or queued ones.
    __table_args__ = (
        Index("ix_runs_repository_ref_state", "repository_id", "ref", "state"),
        Index(
            "ix_runs_running_lease",
            "lease_expires_at",
            sqlite_where=text(RUNNING_ONLY),
            postgresql_where=text(RUNNING_ONLY),
        ),
        Index(
            "ix_runs_queued_created",
            "created_at",
            sqlite_where=text(QUEUED_ONLY),
            postgresql_where=text(QUEUED_ONLY),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Runs are found through their repository; the tenant is kept for isolation checks.
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    # Its own index, besides the composite one: the newest runs of a repository, in order.
    repository_id: Mapped[int] = mapped_column(ForeignKey("repositories.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(255))
    before_sha: Mapped[str] = mapped_column(String(64), default="")
    commit_sha: Mapped[str] = mapped_column(String(64))
    trigger: Mapped[str] = mapped_column(String(20))
    # Who pushed: the forge's user name, or the user of the token for hosted pushes;
    # empty when unknown. For the record (run pages, release history), not for access.
    pushed_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    state: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    retry_of: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str] = mapped_column(String(200), default="")
    lease_expires_at: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]

    repository: Mapped[Repository] = relationship()
    stages: Mapped[list[Stage]] = relationship(order_by="Stage.position", cascade="all, delete-orphan")


class Stage(Base):
    __tablename__ = "stages"
    __table_args__ = (UniqueConstraint("run_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # No index of its own: the unique (run_id, name) serves look-ups by run.
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]


class LogLine(Base):
    """One line of a stage's log. Kept in the database so that every web server sees
    what every worker wrote, on any machine."""

    __tablename__ = "log_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    stage: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Finding(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    column: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)


class Delivery(Base):
    """A webhook delivery, kept so that a redelivery never makes a second run."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("repository_id", "delivery_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # No index of its own: the unique (repository_id, delivery_id) serves look-ups by repository.
    repository_id: Mapped[int] = mapped_column(ForeignKey("repositories.id", ondelete="CASCADE"))
    delivery_id: Mapped[str] = mapped_column(String(200))
    event: Mapped[str] = mapped_column(String(100))
    # "accepted" (a run was made) or "ignored" (with the reason in ``note``).
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))
    received_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
