"""Tables of feed imports: which feed row (by the feed's own id) went into which event.

GDELT reports many rows per event; keeping each row's GLOBALEVENTID here (not in the event's JSON, which would then
grow with every report and be rewritten each time) makes re-imports find duplicates by one indexed look-up.
`event_id` has no index on purpose: a million rows would each add an entry at a random place in it (event ids are
uuid5), the costliest thing a GDELT import did; only `legation events show` asks for an event's rows.
"""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

feed_rows = sa.Table(
    "feed_rows", metadata,
    sa.Column("source", sa.String(16), nullable=False),  # gdelt
    sa.Column("row_id", sa.String(64), nullable=False),  # the feed's own row id (GLOBALEVENTID)
    sa.Column("event_id", sa.String(36), nullable=False),
    sa.PrimaryKeyConstraint("source", "row_id"),
)
