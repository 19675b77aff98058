"""Foundation: reports, events (+ versions), sites, audit log; spatial and full-text indexes.

Revision ID: 0001_foundation
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_foundation"
down_revision = None
branch_labels = None
depends_on = None

_SQLITE = [
    # R*Tree over coordinates, keyed by the integer pk of its table, kept in step by triggers.
    "CREATE VIRTUAL TABLE event_rtree USING rtree(pk, min_lat, max_lat, min_lon, max_lon)",
    "CREATE VIRTUAL TABLE site_rtree USING rtree(pk, min_lat, max_lat, min_lon, max_lon)",
    """CREATE TRIGGER events_rtree_ai AFTER INSERT ON events WHEN new.lat IS NOT NULL BEGIN
         INSERT INTO event_rtree VALUES (new.pk, new.lat, new.lat, new.lon, new.lon); END""",
    """CREATE TRIGGER events_rtree_au AFTER UPDATE OF lat, lon ON events BEGIN
         DELETE FROM event_rtree WHERE pk = old.pk;
         INSERT INTO event_rtree SELECT new.pk, new.lat, new.lat, new.lon, new.lon WHERE new.lat IS NOT NULL; END""",
    "CREATE TRIGGER events_rtree_ad AFTER DELETE ON events BEGIN DELETE FROM event_rtree WHERE pk = old.pk; END",
    """CREATE TRIGGER sites_rtree_ai AFTER INSERT ON sites BEGIN
         INSERT INTO site_rtree VALUES (new.pk, new.lat, new.lat, new.lon, new.lon); END""",
    """CREATE TRIGGER sites_rtree_au AFTER UPDATE OF lat, lon ON sites BEGIN
         UPDATE site_rtree SET min_lat = new.lat, max_lat = new.lat, min_lon = new.lon, max_lon = new.lon
         WHERE pk = new.pk; END""",
    "CREATE TRIGGER sites_rtree_ad AFTER DELETE ON sites BEGIN DELETE FROM site_rtree WHERE pk = old.pk; END",
    # FTS5 over evidence sentences (external content: the text lives once, in events).
    "CREATE VIRTUAL TABLE event_fts USING fts5(sentence, content='events', content_rowid='pk')",
    """CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
         INSERT INTO event_fts(rowid, sentence) VALUES (new.pk, new.sentence); END""",
    """CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
         INSERT INTO event_fts(event_fts, rowid, sentence) VALUES ('delete', old.pk, old.sentence); END""",
    """CREATE TRIGGER events_fts_au AFTER UPDATE OF sentence ON events BEGIN
         INSERT INTO event_fts(event_fts, rowid, sentence) VALUES ('delete', old.pk, old.sentence);
         INSERT INTO event_fts(rowid, sentence) VALUES (new.pk, new.sentence); END""",
]

_POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS postgis",
    "CREATE INDEX events_geog ON events USING gist ((ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography))",
    "CREATE INDEX sites_geog ON sites USING gist ((ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography))",
    "CREATE INDEX events_fts ON events USING gin (to_tsvector('english', sentence))",
]


def upgrade() -> None:
    op.create_table(
        "reports",
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
    op.create_table(
        "events",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("report_id", sa.String(36), sa.ForeignKey("reports.id", ondelete="SET NULL")),
        sa.Column("doc", sa.Text),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("type", sa.String(16), nullable=False, index=True),
        sa.Column("modes", sa.Text, nullable=False, server_default=""),
        sa.Column("actor_names", sa.Text, nullable=False, server_default=""),
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
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "event_versions",
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "version"),
    )
    op.create_table(
        "sites",
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
    op.create_table(
        "audit_log",
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
    dialect = op.get_bind().dialect.name
    for statement in _SQLITE if dialect == "sqlite" else _POSTGRES if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("event_rtree", "site_rtree", "event_fts"):
            op.execute(f"DROP TABLE IF EXISTS {name}")
    for name in ("audit_log", "sites", "event_versions", "events", "reports"):
        op.drop_table(name)
