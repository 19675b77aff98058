"""A site's status: the site, its current threat level (when assessed), and the latest events within its radius.
Shared by the API's `/sites/{id}/status` and whoever else shows a site's picture."""

from __future__ import annotations

import datetime as dt
from typing import Any

from legation.domain.sites import Site

RECENT = 5


def current_level(conn, site: Site) -> dict[str, Any] | None:
    """The latest stored assessment of the site, or None (not assessed yet)."""
    from legation.store.assessments import latest_assessment

    found = latest_assessment(conn, site.id)
    return found.to_dict() if found else None


def site_status(conn, site: Site, *, days: int = 30, at: dt.date | None = None) -> dict[str, Any]:
    from legation.store.events import events_near

    at = at or dt.datetime.now(dt.UTC).date()
    since = (at - dt.timedelta(days=days)).isoformat()
    recent = events_near(conn, site.lat, site.lon, site.radius_km, since=since, until=at.isoformat(),
                         limit=RECENT + 1)
    return {"site": site.to_dict(), "assessment": current_level(conn, site), "since": since,
            "at": at.isoformat(), "recent_events": [e.to_dict() for e in recent[:RECENT]],
            "more_events": len(recent) > RECENT}
