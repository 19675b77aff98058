"""Are two records about the same parties, the same time, the same place? The tests incidents and attribution
share. Each answers with a short reason (for the analyst) or None.
"""

from __future__ import annotations

import datetime as dt
import functools

from legation.domain.geo import haversine_km
from legation.domain.records import Event, Party, Place
from legation.resolve.knowledge import knowledge_base
from legation.resolve.text import key

# How far apart two reports of one attack may put it, by the coarser of their two precisions.
PLACE_KM = {"site": 30.0, "city": 40.0, "admin1": 200.0}


def identity(party: Party) -> str:
    return party.id or key(party.name or party.text)


def is_generic(party: Party) -> bool:
    """"militias", "Iran-backed militias", "gunmen": a party the text does not name."""
    return party.id is None or party.kind == "unknown"


def parties_compatible(left: list[Party], right: list[Party]) -> str | None:
    """Could these be the same side? Reason, or None when two different named actors face each other."""
    named_left = [p for p in left if not is_generic(p)]
    named_right = [p for p in right if not is_generic(p)]
    if not named_left or not named_right:
        return _generic_compatible(left, right)
    for a in named_left:
        for b in named_right:
            if identity(a) == identity(b):
                return f"same actor {a.name}"
            if a.id and b.id and related(a.id, b.id):
                return f"{a.name} ~ {b.name} (related)"
    return None


def related(a_id: str, b_id: str) -> bool:
    """A member and its umbrella, a part and its whole, a commander and the commanded, directly or upwards."""
    kb = knowledge_base()
    if b_id in kb.ancestors(a_id) or a_id in kb.ancestors(b_id):
        return True
    direct = {target for _, target in kb.relations_of(a_id)}
    return b_id in direct


def _generic_compatible(left: list[Party], right: list[Party]) -> str | None:
    if not left or not right:
        return "one side unnamed"
    sponsors_left = {p.sponsor for p in left if p.sponsor}
    sponsors_right = {p.sponsor for p in right if p.sponsor}
    if sponsors_left and sponsors_right and not sponsors_left & sponsors_right:
        return None
    kinds_left = {p.kind for p in left} - {"unknown"}
    kinds_right = {p.kind for p in right} - {"unknown"}
    if kinds_left and kinds_right and not kinds_left & kinds_right:
        return None
    return "generic actor " + ("with the same sponsor" if sponsors_left & sponsors_right else "of the same kind")


def recipients_compatible(left: list[Party], right: list[Party]) -> str | None:
    if not left or not right:
        return "one side names no target"
    if {identity(p) for p in left} & {identity(p) for p in right}:
        return "same target"
    if {p.country for p in left if p.country} & {p.country for p in right if p.country}:
        return "targets of the same country"
    if parties_compatible(left, right):
        return "compatible targets"
    return None


def date_window(event: Event) -> tuple[dt.date, dt.date] | None:
    """The first and last day an event may have happened on; None when it is undated."""
    return _days_between(event.date.start, event.date.end)


@functools.lru_cache(maxsize=65536)
def _days_between(start: str | None, end: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a date window, parsed once per distinct window (clustering compares each record
    with dozens of others)."""
    if not start and not end:
        return None
    return dt.date.fromisoformat((start or end)[:10]), dt.date.fromisoformat((end or start)[:10])


def dates_compatible(a: Event, b: Event, *, slack_days: int = 1) -> str | None:
    """Exact days within `slack_days` (time zones, "overnight"); otherwise overlapping windows."""
    wa, wb = date_window(a), date_window(b)
    if wa is None or wb is None:
        return None
    slack = dt.timedelta(days=slack_days)
    if a.date.kind == "exact" and b.date.kind == "exact":
        return "same day" if wa[0] == wb[0] else ("within a day" if abs(wa[0] - wb[0]) <= slack else None)
    if wa[0] <= wb[1] + slack and wb[0] <= wa[1] + slack:
        return "overlapping dates"
    return None


_ORDER = ("site", "city", "admin1", "country", "region")


def radius_km(event: Event) -> float | None:
    """How far from its point a feed says a record may lie (`source_codes.radius_km`: ACLED geo_precision, UCDP
    where_prec, GDELT ActionGeo_Type; see ingest/feeds/data/feed_precision.csv), None when it does not say."""
    value = (event.source_codes or {}).get("radius_km")
    return float(value) if isinstance(value, (int, float)) else None


def places_compatible(a: Place, b: Place, radius_a: float | None = None, radius_b: float | None = None
                      ) -> str | None:
    """Near enough for their precision; a country or region only agrees with a place inside that country. When a
    feed gives a record's radius (`radius_km`), the two points may be no farther apart than both radii allow
    (each record's radius, or half its precision's distance when it gives none), whatever their precision."""
    if a.lat is None or b.lat is None:
        return "place unknown on one side" if (a.country is None or b.country is None
                                               or a.country == b.country) else None
    coarser = max(_ORDER.index(a.precision or "region"), _ORDER.index(b.precision or "region"))
    if coarser >= _ORDER.index("country"):
        if a.country and b.country and a.country != b.country:
            return None
        return f"same country ({a.country or b.country})" if (a.country or b.country) else "same region"
    distance = haversine_km(a.lat, a.lon, b.lat, b.lon)
    limit = PLACE_KM[_ORDER[coarser]]
    if radius_a is not None or radius_b is not None:
        own_a = radius_a if radius_a is not None else PLACE_KM[a.precision or "admin1"] / 2
        own_b = radius_b if radius_b is not None else PLACE_KM[b.precision or "admin1"] / 2
        limit = min(limit, own_a + own_b)
    return f"{distance:.0f} km apart" if distance <= limit else None
