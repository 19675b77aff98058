"""Tables of feed imports: which feed row (by the feed's own id) went into which event.

GDELT reports many rows per event; keeping each row's GLOBALEVENTID here (not in the event's JSON, which would then
grow with every report and be rewritten each time) makes re-imports find duplicates by one indexed look-up.
"""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

feed_rows = sa.Table(
    "feed_rows", metadata,
    sa.Column("source", sa.String(16), nullable=False),  # gdelt
    sa.Column("row_id", sa.String(64), nullable=False),  # the feed's own row id (GLOBALEVENTID)
    sa.Column("event_id", sa.String(36), nullable=False, index=True),
    sa.PrimaryKeyConstraint("source", "row_id"),
)
