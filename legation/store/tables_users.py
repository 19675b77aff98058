"""Tables of users and their API tokens. Passwords are argon2 hashes; tokens are stored as sha256 digests only."""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

users = sa.Table(
    "users", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(24), nullable=False),
    sa.Column("organisation", sa.String(3)),  # sending state / organisation code (a liaison's)
    sa.Column("unit", sa.Text),  # the unit a unit commander commands
    sa.Column("password_hash", sa.Text),  # argon2id; NULL: token-only user
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.String(16), primary_key=True),  # public handle: shown in lists, used to revoke
    sa.Column("username", sa.String(64), sa.ForeignKey("users.username"), nullable=False, index=True),
    sa.Column("digest", sa.String(64), nullable=False, unique=True),  # sha256 of the secret token
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
)
