"""Feed imports: the feed rows (GDELT GLOBALEVENTIDs) held by each event.

Revision ID: 0004_imports
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_imports"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_rows",
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("source", "row_id"),
    )
    op.create_index("ix_feed_rows_event_id", "feed_rows", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_feed_rows_event_id", table_name="feed_rows")
    op.drop_table("feed_rows")
