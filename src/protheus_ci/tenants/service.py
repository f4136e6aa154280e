"""Create tenants, repositories and tokens, and resolve a token to its tenant and role."""

from __future__ import annotations

import dataclasses
import re

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from protheus_ci.db.models import ApiToken, Repository, Tenant, User, utcnow
from protheus_ci.db.sealed import box_of
from protheus_ci.tenants import tokens
from protheus_ci.tenants.roles import Role

FORGES = ("hosted", "github", "gitlab", "gitea", "bitbucket", "azure")
# Slugs appear in URLs and folder names, so they are kept to a safe alphabet.
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,62}$")


class TenantError(ValueError):
    """A request about tenants that cannot be honoured; the message is for the user."""


@dataclasses.dataclass(frozen=True)
class Principal:
    """Who is calling: the tenant a token belongs to, and its role."""

    tenant_id: int
    tenant_slug: str
    role: Role
    token_id: int


def _check_slug(kind: str, value: str) -> None:
    if not _SLUG.match(value) or value.endswith(".git"):
        raise TenantError(
            f"invalid {kind} name {value!r}: use lower-case letters, digits, '.', '_' or '-' / "
            f"nome de {kind} inválido {value!r}"
        )


def add_tenant(session: Session, slug: str, name: str = "") -> Tenant:
    _check_slug("tenant", slug)
    if session.scalar(select(Tenant).where(Tenant.slug == slug)):
        raise TenantError(f"tenant {slug!r} already exists / o tenant {slug!r} já existe")
    tenant = Tenant(slug=slug, name=name or slug)
    session.add(tenant)
    session.flush()
    return tenant


def get_tenant(session: Session, slug: str) -> Tenant:
    tenant = session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        raise TenantError(f"no tenant {slug!r} / tenant {slug!r} não encontrado")
    return tenant


def add_repository(
    session: Session,
    tenant_slug: str,
    name: str,
    forge: str = "hosted",
    **settings: str,
) -> Repository:
    tenant = get_tenant(session, tenant_slug)
    _check_slug("repository", name)
    if forge not in FORGES:
        raise TenantError(f"unknown forge {forge!r}; one of {', '.join(FORGES)}")
    exists = select(Repository).where(Repository.tenant_id == tenant.id, Repository.name == name)
    if session.scalar(exists):
        raise TenantError(f"repository {tenant_slug}/{name} already exists / o repositório já existe")
    repository = Repository(tenant_id=tenant.id, name=name, forge=forge, **settings)
    session.add(repository)
    session.flush()
    return repository


def find_repository(session: Session, tenant_id: int, name: str) -> Repository | None:
    return session.scalar(select(Repository).where(Repository.tenant_id == tenant_id, Repository.name == name))


def list_tenant_repositories(session: Session, tenant_id: int) -> list[Repository]:
    query = select(Repository).where(Repository.tenant_id == tenant_id).order_by(Repository.name)
    return list(session.scalars(query))


def create_token(
    session: Session, tenant_slug: str, role: Role, user: str = "", description: str = ""
) -> tuple[ApiToken, str]:
    """Returns the stored row and the token itself, which is never stored and never shown again."""
    tenant = get_tenant(session, tenant_slug)
    user_row = _user(session, tenant, user) if user else None
    secret = tokens.generate()
    lookup = tokens.lookup_of(secret)
    assert lookup is not None  # generate() always yields a well-formed token
    row = ApiToken(
        tenant_id=tenant.id,
        user_id=user_row.id if user_row else None,
        role=role.value,
        lookup=lookup,
        digest=tokens.digest_of(secret),
        description=description,
    )
    session.add(row)
    session.flush()
    return row, secret


def list_tokens(session: Session, tenant_slug: str) -> list[tuple[ApiToken, str]]:
    """The tenant's tokens, oldest first, each with the login of its user (or "")."""
    tenant = get_tenant(session, tenant_slug)
    query = (
        select(ApiToken, User.login)
        .outerjoin(User, User.id == ApiToken.user_id)
        .where(ApiToken.tenant_id == tenant.id)
        .order_by(ApiToken.id)
    )
    return [(row, login or "") for row, login in session.execute(query)]


def revoke_token(session: Session, tenant_slug: str, token_id: int) -> ApiToken:
    """From now on the token authenticates nothing: API, pages and git alike. Revoking
    a revoked token keeps the first revocation's time."""
    tenant = get_tenant(session, tenant_slug)
    row = session.get(ApiToken, token_id)
    # Another tenant's token is "not found", as everywhere else.
    if row is None or row.tenant_id != tenant.id:
        raise TenantError(f"no token {token_id} in tenant {tenant_slug!r} / token {token_id} não encontrado")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
    return row


def token_holder(session: Session, principal: Principal) -> str:
    """The login of the user a token was made for, or "token <id>" for one made for none."""
    login = session.scalar(
        select(User.login).join(ApiToken, ApiToken.user_id == User.id).where(ApiToken.id == principal.token_id)
    )
    return login or f"token {principal.token_id}"


def reseal_credentials(session: Session) -> int:
    """Seals every repository's stored credentials again with the first secrets key:
    those sealed with an older key, and those stored in clear by older versions.
    Returns how many repositories were rewritten."""
    box = box_of(session.get_bind().dialect)
    stored = select(
        Repository.id, type_coerce(Repository.webhook_secret, Text), type_coerce(Repository.remote_password, Text)
    )
    rewritten = 0
    for repository_id, webhook_secret, remote_password in session.execute(stored).all():
        if box.needs_reseal(webhook_secret) or box.needs_reseal(remote_password):
            repository = session.get_one(Repository, repository_id)
            # Same clear values: marking them changed is what writes them sealed anew.
            flag_modified(repository, "webhook_secret")
            flag_modified(repository, "remote_password")
            rewritten += 1
    session.flush()
    return rewritten


def _user(session: Session, tenant: Tenant, login: str) -> User:
    user = session.scalar(select(User).where(User.tenant_id == tenant.id, User.login == login))
    if user is None:
        user = User(tenant_id=tenant.id, login=login)
        session.add(user)
        session.flush()
    return user


def authenticate(session: Session, token: str) -> Principal | None:
    lookup = tokens.lookup_of(token)
    if lookup is None:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.lookup == lookup))
    if row is None or row.revoked_at is not None or not tokens.matches(token, row.digest):
        return None
    tenant = session.get(Tenant, row.tenant_id)
    assert tenant is not None  # the foreign key guarantees it
    return Principal(tenant_id=tenant.id, tenant_slug=tenant.slug, role=Role(row.role), token_id=row.id)
