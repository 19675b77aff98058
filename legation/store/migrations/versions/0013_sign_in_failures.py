"""Failed sign-ins per user name and per client address: the sign-in throttle's counts, shared by every server
process and kept across restarts.

Revision ID: 0013_sign_in_failures
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_sign_in_failures"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_failures",
        sa.Column("key", sa.String(300), primary_key=True),  # "user:NAME" or "addr:ADDRESS"
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("blocked_until", sa.Float, nullable=False),  # seconds since the epoch
        sa.Column("last_failure", sa.Float, nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("sign_in_failures")
