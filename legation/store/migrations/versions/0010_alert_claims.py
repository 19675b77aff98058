"""Alerts: a dispatcher claims an alert before delivering it, so two dispatchers running at once (two API requests,
or the CLI beside the server) never deliver the same alert twice.

Revision ID: 0010_alert_claims
Revises: 0008_alerts
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_alert_claims"
down_revision = "0008_alerts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    with op.batch_alter_table("alerts") as batch:
        batch.drop_column("claimed_at")
