"""The tables of the foundation (SQLAlchemy Core). Later stages add theirs in their own migrations.

SQLite-only companions (created by the first migration, not modelled here): `event_rtree` and `site_rtree`
(R*Tree over coordinates, keyed by `pk`), `event_fts` (FTS5 over evidence sentences, external content).
PostgreSQL gets PostGIS GiST indexes over the same coordinates and a GIN full-text index instead.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

reports = sa.Table(
    "reports", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("hash", sa.String(64), nullable=False, unique=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("doc", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.String(32)),
    sa.Column("url", sa.Text),
    sa.Column("format", sa.String(16), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(36), nullable=False, unique=True),
    sa.Column("report_id", sa.String(36), sa.ForeignKey("reports.id", ondelete="SET NULL")),
    sa.Column("doc", sa.Text),
    sa.Column("source", sa.String(16), nullable=False),
    sa.Column("type", sa.String(16), nullable=False, index=True),
    sa.Column("modes", sa.Text, nullable=False, server_default=""),  # "|drone|heavy-weapons|": LIKE-filterable
    sa.Column("actor_names", sa.Text, nullable=False, server_default=""),  # lowercased actor names, "|"-joined
    sa.Column("negated", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("hypothetical", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("country", sa.String(3), index=True),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("precision", sa.String(8)),
    sa.Column("date_start", sa.String(10), index=True),
    sa.Column("date_end", sa.String(10)),
    sa.Column("date_kind", sa.String(12)),
    sa.Column("sentence", sa.Text, nullable=False, server_default=""),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("fatalities", sa.Integer),
    sa.Column("incident_id", sa.String(36), index=True),
    sa.Column("digest", sa.String(64), nullable=False),  # sha256 of the record: change detection on upsert
    sa.Column("record", sa.JSON, nullable=False),  # the whole event record (spec/events.md shape)
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# An event replaced by a revised version keeps its earlier versions here.
event_versions = sa.Table(
    "event_versions", metadata,
    sa.Column("event_id", sa.String(36), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("event_id", "version"),
)

sites = sa.Table(
    "sites", metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(24), nullable=False),
    sa.Column("sending_state", sa.String(3), nullable=False, index=True),
    sa.Column("host_country", sa.String(3), nullable=False),
    sa.Column("city", sa.Text),
    sa.Column("lat", sa.Float, nullable=False),
    sa.Column("lon", sa.Float, nullable=False),
    sa.Column("radius_km", sa.Float, nullable=False),
    sa.Column("posture", sa.JSON, nullable=False),
    sa.Column("contacts", sa.JSON, nullable=False),
    sa.Column("approximate", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("notes", sa.Text),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# Hash-chained, append-only record of every write (who, what, when, before/after). See store/audit.py.
audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("entity", sa.String(32), nullable=False),
    sa.Column("entity_id", sa.Text),
    sa.Column("before", sa.JSON),
    sa.Column("after", sa.JSON),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
