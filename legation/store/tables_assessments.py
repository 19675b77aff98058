"""Tables of threat assessments: every assessment made (the history of each site's level) and level changes."""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

assessments = sa.Table(
    "assessments", metadata,
    sa.Column("id", sa.String(36), primary_key=True),  # uuid5(site, at, model): re-assessing a day replaces it
    sa.Column("site_id", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.String(10), nullable=False, index=True),  # the forecast covers the 7 days after this date
    sa.Column("model", sa.String(40), nullable=False),
    sa.Column("level", sa.Integer, nullable=False),
    sa.Column("probability", sa.Float, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),  # Assessment.to_dict(), drivers included
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

level_changes = sa.Table(
    "level_changes", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("site_id", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.String(10), nullable=False),
    sa.Column("old_level", sa.Integer),  # None: the site's first level
    sa.Column("new_level", sa.Integer, nullable=False),
    sa.Column("assessment_id", sa.String(36), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, index=True),
)
