"""Tables of live sources: each source with its schedule and health, and each item it brought (an article's URL,
a GDELT export, an API page) so that nothing is ingested twice, even after `watch` is killed and started again."""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("name", sa.Text),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("params", sa.JSON, nullable=False),
    sa.Column("interval", sa.Integer, nullable=False),  # seconds between runs
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("next_run", sa.DateTime(timezone=True)),
    sa.Column("last_run", sa.DateTime(timezone=True)),
    sa.Column("last_success", sa.DateTime(timezone=True)),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", sa.DateTime(timezone=True)),
    sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("cursor", sa.JSON, nullable=False),
)

# One row per item a source brought: `key` is the article's URL (or the feed entry's id), the export's URL, the API
# page's query; `digest` the content's sha256. `status`: ingested, duplicate (same content as an item before),
# foreign (stored, not extracted: not English), rejected (unreadable, too large), imported (a feed file or page).
source_items = sa.Table(
    "source_items", metadata,
    sa.Column("source_id", sa.String(16), nullable=False),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("digest", sa.String(64), index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("status", sa.String(12), nullable=False),
    sa.Column("language", sa.String(8)),
    sa.Column("report_id", sa.String(36)),
    sa.Column("detail", sa.Text),
    sa.PrimaryKeyConstraint("source_id", "key"),
    sa.Index("ix_source_items_source_at", "source_id", "at"),
)
