"""Users and API tokens.

Revision ID: 0007_users
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_users"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(24), nullable=False),
        sa.Column("organisation", sa.String(3)),
        sa.Column("unit", sa.Text),
        sa.Column("password_hash", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("username", sa.String(64), sa.ForeignKey("users.username"), nullable=False, index=True),
        sa.Column("digest", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
    op.drop_table("users")
