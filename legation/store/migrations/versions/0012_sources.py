"""Live sources: the sources `legation watch` reads, with their schedule and health, and the items they brought.

Revision ID: 0012_sources
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0012_sources"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("params", sa.JSON, nullable=False),
        sa.Column("interval", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_run", sa.DateTime(timezone=True)),
        sa.Column("last_run", sa.DateTime(timezone=True)),
        sa.Column("last_success", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", sa.DateTime(timezone=True)),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("cursor", sa.JSON, nullable=False),
    )
    op.create_table(
        "source_items",
        sa.Column("source_id", sa.String(16), nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64)),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("report_id", sa.String(36)),
        sa.Column("detail", sa.Text),
        sa.PrimaryKeyConstraint("source_id", "key"),
    )
    op.create_index("ix_source_items_digest", "source_items", ["digest"])
    op.create_index("ix_source_items_source_at", "source_items", ["source_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_source_items_source_at", "source_items")
    op.drop_index("ix_source_items_digest", "source_items")
    op.drop_table("source_items")
    op.drop_table("sources")
