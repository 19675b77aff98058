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
    status = op.create_table(
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
    with op.batch_alter_table("data_changes") as batch:
        batch.add_column(sa.Column("day_from", sa.String(10)))  # the earliest start of the events (NULL: unknown)
        batch.add_column(sa.Column("day_to", sa.String(10)))  # the latest end (or start) of the events
    history = sa.table("assessments", sa.column("id"), sa.column("site_id"), sa.column("at"), sa.column("level"),
                       sa.column("probability"), sa.column("record", sa.JSON), sa.column("created_at"))
    conn = op.get_bind()
    latest: dict[str, dict] = {}
    for r in conn.execute(sa.select(history).order_by(history.c.site_id, history.c.at.desc(),
                                                      history.c.created_at.desc())):
        if r.site_id not in latest:
            latest[r.site_id] = {"site_id": r.site_id, "assessment_id": r.id, "at": r.at, "level": r.level,
                                 "probability": r.probability, "record": r.record, "seq": 0,
                                 "updated_at": r.created_at}
    if latest:
        op.bulk_insert(status, list(latest.values()))


def downgrade() -> None:
    with op.batch_alter_table("data_changes") as batch:
        batch.drop_column("day_to")
        batch.drop_column("day_from")
    op.drop_table("site_status")
