"""Events as map points: id, type, position and day only, for the web map (10,000 markers without building
10,000 full Event records). Read-only; the same filters as `events.query_events` (no negated or hypothetical
events, located ones only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import sqlalchemy as sa

from legation.domain.geo import bbox, haversine_km
from legation.store.tables import events as t


class EventPoint(NamedTuple):
    id: str
    type: str
    lat: float
    lon: float
    day: str  # ISO date: the event's last day


def event_points(conn: sa.Connection, *, since: str, until: str,
                 near: Sequence[tuple[float, float, float]] | None = None) -> list[EventPoint]:
    """Located events from `since` to `until` (ISO dates), in no particular order; with `near` (a list of
    (lat, lon, km)), only those within one of the circles."""
    day = sa.func.coalesce(t.c.date_end, t.c.date_start)
    query = (sa.select(t.c.id, t.c.type, t.c.lat, t.c.lon, day.label("day"))
             .where(day >= since[:10], t.c.date_start <= until[:10], t.c.lat.is_not(None), t.c.lon.is_not(None),
                    t.c.negated == sa.false(), t.c.hypothetical == sa.false()))
    if near is not None:
        if not near:
            return []
        boxes = [bbox(lat, lon, km) for lat, lon, km in near]
        query = query.where(sa.or_(*(sa.and_(t.c.lat.between(a, b), t.c.lon.between(c, d))
                                     for a, b, c, d in boxes)))
    points = [EventPoint(r.id, r.type, r.lat, r.lon, str(r.day)[:10]) for r in conn.execute(query).all()]
    if near is not None:
        points = [p for p in points if any(haversine_km(lat, lon, p.lat, p.lon) <= km for lat, lon, km in near)]
    return points
