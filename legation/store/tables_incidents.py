"""Tables of incidents: one row per incident, its member records with the rule that merged each, the splits
analysts made (kept as cannot-link constraints so re-clustering honours them), and claim → attack links."""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

incidents = sa.Table(
    "incidents", metadata,
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

incident_members = sa.Table(
    "incident_members", metadata,
    sa.Column("event_id", sa.String(36), primary_key=True),
    sa.Column("incident_id", sa.String(36), nullable=False, index=True),
    sa.Column("rule", sa.Text, nullable=False),
)

# "These two records are NOT the same incident": written by `legation incidents split`, read by every rebuild.
incident_splits = sa.Table(
    "incident_splits", metadata,
    sa.Column("event_a", sa.String(36), nullable=False),
    sa.Column("event_b", sa.String(36), nullable=False),
    sa.Column("incident_id", sa.String(36)),
    sa.Column("note", sa.Text),
    sa.Column("created_by", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("event_a", "event_b"),
)

claim_links = sa.Table(
    "claim_links", metadata,
    sa.Column("claim_id", sa.String(36), nullable=False),
    sa.Column("attack_id", sa.String(36), nullable=False, index=True),
    sa.Column("claimant", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("claim_id", "attack_id", "claimant"),
)
