"""The library functions the pages read, and what they show while a library is not installed yet.

Pages call these (and `legation.store.*` read functions) only; they never touch tables. Assessments, orders and the
extractor come from other stages: when one is absent the page says so instead of failing.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from legation.domain.errors import InputError, LegationError
from legation.domain.users import User, visible_site

LIAISON_EVENT_KM = 50.0  # a liaison sees the events within this distance of their own sites
WINDOW_DAYS = 90


def current_levels(conn: Any) -> dict[str, Any]:
    """site id → its current Assessment (empty when the assessment stage is not installed)."""
    try:
        from legation.store.assessments import current_assessments
    except ImportError:
        return {}
    return {a.site_id: a for a in current_assessments(conn)}


def level_history(conn: Any, site_id: str) -> list[Any]:
    try:
        from legation.store.assessments import assessment_history
    except ImportError:
        return []
    return list(assessment_history(conn, site_id))


def visible_sites(conn: Any, user: User) -> list[Any]:
    from legation.store.sites import list_sites

    return [s for s in list_sites(conn) if visible_site(user, s)]


def site_for(conn: Any, user: User, site_id: str) -> Any:
    """The site, if this user may see it; `NotFound` either way otherwise (a liaison learns nothing of others)."""
    from legation.domain.errors import NotFound
    from legation.store.sites import get_site

    site = get_site(conn, site_id)
    if not visible_site(user, site):
        raise NotFound(f"no site with id {site_id!r}")
    return site


def as_of(conn: Any, at: str | None = None) -> dt.date:
    """The day the pages look back from: `at` when given, else the newest event's day (never after today), so
    the demo's 2023 events show as recent."""
    from legation.domain.records import parse_date
    from legation.store.events import query_events

    today = dt.datetime.now(dt.timezone.utc).date()
    if at:
        day = parse_date(at)
        if not dt.date(1900, 1, 1) <= day <= dt.date(2199, 12, 31):  # the pages count back up to a year
            raise InputError(f"at: {day} is not between 1900-01-01 and 2199-12-31")
        return day
    newest = query_events(conn, limit=1)
    if newest and newest[0].date.start:
        return min(today, parse_date(newest[0].date.end or newest[0].date.start))
    return today


def recent_events(conn: Any, user: User, sites: list[Any], day: dt.date, days: int = WINDOW_DAYS) -> list[Any]:
    """Located events of the `days` before `day` this user may see (a liaison: only near their own sites), as map
    points (id, type, lat, lon, day)."""
    from legation.store.map_points import event_points

    since, until = (day - dt.timedelta(days=days - 1)).isoformat(), day.isoformat()
    near = [(s.lat, s.lon, LIAISON_EVENT_KM) for s in sites] if user.role == "liaison" else None
    return event_points(conn, since=since, until=until, near=near)


def may_see_event(conn: Any, user: User, event: Any) -> bool:
    from legation.domain.geo import haversine_km

    if user.role != "liaison":
        return True
    if event.location.lat is None:
        return False
    return any(haversine_km(s.lat, s.lon, event.location.lat, event.location.lon) <= LIAISON_EVENT_KM
               for s in visible_sites(conn, user))


@functools.lru_cache(maxsize=1)
def extractor() -> Any:
    """The article extractor, loaded once per process (its models take a while); None when not installed."""
    try:
        from legation.extract.pipeline import Extractor
    except ImportError:
        return None
    return Extractor.load()


# ── orders (legation.act) ──────────────────────────────────────────────────────────────────────────────────────

@functools.lru_cache(maxsize=1)
def hierarchy() -> Any:
    """The chain of command (LEGATION_AUTHORITIES, or the shipped example); None when orders are not installed."""
    import os

    try:
        from legation.act.authorities import load_hierarchy
    except ImportError:
        return None
    return load_hierarchy(os.environ.get("LEGATION_AUTHORITIES") or None)


def actor_for(user: User) -> str | None:
    """The authority a user acts for in the chain of command: a unit commander their unit; anyone else the
    authority named by, or listing, their user name. None when they act for none."""
    from legation.domain.errors import Forbidden

    chain = hierarchy()
    if chain is None:
        return None
    if user.role == "unit-commander" and user.unit in chain.by_id:
        return user.unit
    try:
        return chain.authority_of(user.username).id
    except Forbidden:
        return None


def _order_sites(order: Any, registry: list[Any]) -> set[str]:
    if order.sites:
        return set(order.sites)
    try:
        return {s.id for s in order.scope.resolve(registry)}
    except LegationError:
        return set()


def orders_visible(conn: Any, user: User, at: dt.datetime) -> list[Any] | None:
    """Every order as it stands at `at` (its newest version, and an older one still live while its amendment is
    a draft) that this user may see (a liaison: live orders over their own sites only); None when orders are not
    installed."""
    try:
        from legation.domain.orders import LIVE, settle
        from legation.store.orders import list_orders
    except ImportError:
        return None
    from legation.store.sites import list_sites

    versions = [settle(o, at) for o in list_orders(conn, latest_only=False)]
    newest = {o.id: o.version for o in versions}  # oldest first, so the last one seen is the newest
    orders = [o for o in versions if o.version == newest[o.id] or o.state in LIVE]
    if user.role != "liaison":
        return orders
    registry = list_sites(conn)
    mine = {s.id for s in registry if visible_site(user, s)}
    return [o for o in orders if o.state in LIVE and _order_sites(o, registry) & mine]


def orders_for_site(conn: Any, user: User, site: Any) -> list[Any] | None:
    """Live orders covering this site (their sites were resolved when they were issued); None when orders are not
    installed."""
    orders = orders_visible(conn, user, dt.datetime.now(dt.timezone.utc))
    if orders is None:
        return None
    from legation.domain.orders import LIVE

    return [o for o in orders if o.state in LIVE and site.id in o.sites]


def supervision(conn: Any, user: User, at: dt.datetime) -> list[dict] | None:
    """Overdue acknowledgements, coverage gaps, expiring orders (None when supervision is not installed); a
    liaison gets the findings about their own sites only."""
    try:
        from legation.act.supervision import load_measures_table, watch
    except ImportError:
        return None
    findings = watch(conn, load_measures_table(), at)
    if user.role != "liaison":
        return findings
    mine = {s.id for s in visible_sites(conn, user)}
    return [f for f in findings if f.get("site") in mine]


def place_named(text: str) -> Any:
    """The gazetteer's reading of a place name (a Place, lat/lon None when unknown); None when the resolver is not
    installed."""
    try:
        from legation.resolve.places import resolve_place
    except ImportError:
        return None
    return resolve_place(text)


def placed(events: list[Any]) -> list[Any]:
    """Events whose place was named but not located get the gazetteer's coordinates, so they reach the map."""
    for event in events:
        loc = event.location
        if loc.lat is None and (loc.text or loc.name):
            found = place_named(loc.text or loc.name)
            if found is not None and found.lat is not None:
                event.location = found
    return events
