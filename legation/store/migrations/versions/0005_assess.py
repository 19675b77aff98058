"""Threat assessments with history, and level changes.

Revision ID: 0005_assess
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_assess"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("site_id", sa.String(64), nullable=False, index=True),
        sa.Column("at", sa.String(10), nullable=False, index=True),
        sa.Column("model", sa.String(40), nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("probability", sa.Float, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "level_changes",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("site_id", sa.String(64), nullable=False, index=True),
        sa.Column("at", sa.String(10), nullable=False),
        sa.Column("old_level", sa.Integer),
        sa.Column("new_level", sa.Integer, nullable=False),
        sa.Column("assessment_id", sa.String(36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("level_changes")
    op.drop_table("assessments")
