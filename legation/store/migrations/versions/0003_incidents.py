"""Incidents: incidents, their member records and merge rules, analysts' splits, claim links.

Revision ID: 0003_incidents
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_incidents"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False, index=True),
        sa.Column("date_start", sa.String(10), index=True),
        sa.Column("date_end", sa.String(10)),
        sa.Column("country", sa.String(3), index=True),
        sa.Column("place", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("precision", sa.String(8)),
        sa.Column("n_events", sa.Integer, nullable=False),
        sa.Column("n_sources", sa.Integer, nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "incident_members",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("incident_id", sa.String(36), nullable=False, index=True),
        sa.Column("rule", sa.Text, nullable=False),
    )
    op.create_table(
        "incident_splits",
        sa.Column("event_a", sa.String(36), nullable=False),
        sa.Column("event_b", sa.String(36), nullable=False),
        sa.Column("incident_id", sa.String(36)),
        sa.Column("note", sa.Text),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_a", "event_b"),
    )
    op.create_table(
        "claim_links",
        sa.Column("claim_id", sa.String(36), nullable=False),
        sa.Column("attack_id", sa.String(36), nullable=False, index=True),
        sa.Column("claimant", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("claim_id", "attack_id", "claimant"),
    )


def downgrade() -> None:
    for name in ("claim_links", "incident_splits", "incident_members", "incidents"):
        op.drop_table(name)
