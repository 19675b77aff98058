"""Each user's read marker of the live feed (legation/store/feed.py): the moment up to which they have seen its
alerts, level changes and overdue acknowledgements, so unread counts agree across browsers and server processes.

Revision ID: 0015_feed_marks
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_feed_marks"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feed_marks",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("feed_marks")
