"""A site's status: the site, its threat level (when assessed) and the latest events within its radius.
Shared by the API's `/sites/{id}/status` and whoever else shows a site's picture.

The level is the site's row of `site_status` (legation/store/assessments.py), which every stored assessment keeps
current in its own transaction (`after_ingest` included): one read by primary key. Asked as of a day before that
row's, the level is computed from the history instead: the latest assessment made for that day or earlier.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from legation.domain.sites import Site

RECENT = 5


def current_level(conn, site: Site, at: dt.date | None = None) -> dict[str, Any] | None:
    """The site's assessment as of `at` (default: the latest stored), or None (not assessed by then)."""
    from legation.store.assessments import assessment_as_of, current_status

    found = current_status(conn, site.id)
    if found is not None and at is not None and found.at > at.isoformat():
        found = assessment_as_of(conn, site.id, at.isoformat())
    return found.to_dict() if found else None


def site_status(conn, site: Site, *, days: int = 30, at: dt.date | None = None) -> dict[str, Any]:
    from legation.store.events import events_near

    day = at or dt.datetime.now(dt.UTC).date()
    since = (day - dt.timedelta(days=days)).isoformat()
    recent = events_near(conn, site.lat, site.lon, site.radius_km, since=since, until=day.isoformat(),
                         limit=RECENT + 1, records=True)
    return {"site": site.to_dict(), "assessment": current_level(conn, site, at), "since": since,
            "at": day.isoformat(), "recent_events": recent[:RECENT],
            "more_events": len(recent) > RECENT}
