"""Feed imports: no index on feed_rows.event_id.

Each GDELT row inserted one entry into that index at a random place (event ids are uuid5), which cost more than
everything else the store does for the row. The table stays ordered by (source, row_id), which is how imports
look rows up; listing one event's rows (`legation events show`) scans it instead.

Revision ID: 0004b_feed_rows_unindexed
Revises: 0004_imports
"""

import sqlalchemy as sa
from alembic import op

revision = "0004b_feed_rows_unindexed"
down_revision = "0004_imports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_feed_rows_event_id", table_name="feed_rows")


def downgrade() -> None:
    op.create_index("ix_feed_rows_event_id", "feed_rows", ["event_id"])
