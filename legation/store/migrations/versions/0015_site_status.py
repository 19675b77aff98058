"""Each site's current status in one row (legation/store/assessments.py `site_status`), filled from the history of
assessments; and the days of the events each write touched (legation/store/changes.py), so that an answer about
other days (a past window, a page of later events) stays kept.

Revision ID: 0015_site_status
Revises: 0014_changes (and needs 0005_assess)
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_site_status"
down_revision = "0014_changes"
branch_labels = None
depends_on = ("0005_assess",)  # the history it is filled from


def upgrade() -> None:
    conn = op.get_bind()
    have = sa.inspect(conn)  # a first try that stopped half-way (SQLite runs DDL outside the transaction) resumes
    if have.has_table("site_status"):
        op.drop_table("site_status")
    op.create_table(
        "site_status",
        sa.Column("site_id", sa.String(64), primary_key=True),
        sa.Column("assessment_id", sa.String(36), nullable=False),
        sa.Column("at", sa.String(10), nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("probability", sa.Float, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    if "day_from" not in {c["name"] for c in have.get_columns("data_changes")}:
        with op.batch_alter_table("data_changes") as batch:
            batch.add_column(sa.Column("day_from", sa.String(10)))  # the events' earliest start (NULL: unknown)
            batch.add_column(sa.Column("day_to", sa.String(10)))  # their latest end (or start)
    # the latest assessment of each site, copied in SQL (no round trip through Python's types)
    op.execute(
        "INSERT INTO site_status (site_id, assessment_id, at, level, probability, record, seq, updated_at) "
        "SELECT a.site_id, a.id, a.at, a.level, a.probability, a.record, 0, a.created_at FROM assessments a "
        "WHERE a.id = (SELECT b.id FROM assessments b WHERE b.site_id = a.site_id "
        "ORDER BY b.at DESC, b.created_at DESC, b.id DESC LIMIT 1)"
    )


def downgrade() -> None:
    with op.batch_alter_table("data_changes") as batch:
        batch.drop_column("day_to")
        batch.drop_column("day_from")
    op.drop_table("site_status")
