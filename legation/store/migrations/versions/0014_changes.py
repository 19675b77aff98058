"""What each write changed (legation/store/changes.py): the grid cells, types and words of the events it wrote and
the sites whose assessment it stored, under the write's audit sequence number, so kept answers go stale only when a
write touched what they were computed from.

Revision ID: 0014_changes
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_changes"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_changes",
        sa.Column("seq", sa.Integer, nullable=False, index=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("cell", sa.Integer),
        sa.Column("type", sa.String(16)),
        sa.Column("words", sa.BigInteger),
        sa.Column("site_id", sa.String(64)),
    )


def downgrade() -> None:
    op.drop_table("data_changes")
