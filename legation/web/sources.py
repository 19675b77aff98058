"""The library functions the pages read.

Pages call these (and `legation.store.*` read functions) only; they never touch tables. What a user may see is
decided by `legation.domain.users` (`visible_site`, `visible_event`, `reach`, `visible_order`, `redact_order`), the
same rules the API applies.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from legation.domain.errors import InputError
from legation.domain.users import User, visible_event, visible_orders, visible_site

WINDOW_DAYS = 90


def current_levels(conn: Any) -> dict[str, Any]:
    """site id → its current Assessment."""
    from legation.store.assessments import current_assessments

    return {a.site_id: a for a in current_assessments(conn)}


def level_history(conn: Any, site_id: str) -> list[Any]:
    from legation.store.assessments import assessment_history

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

    today = dt.datetime.now(dt.UTC).date()
    if at:
        day = parse_date(at)
        if not dt.date(1900, 1, 1) <= day <= dt.date(2199, 12, 31):  # the pages count back up to a year
            raise InputError(f"at: {day} is not between 1900-01-01 and 2199-12-31")
        return day
    newest = query_events(conn, limit=1)
    if newest and newest[0].date.start:
        return min(today, parse_date(newest[0].date.end or newest[0].date.start))
    return today


def may_see_event(conn: Any, user: User, event: Any) -> bool:
    """`legation.domain.users.visible_event` against the sites registry."""
    from legation.store.sites import list_sites

    return visible_event(user, event, list_sites(conn))


@functools.lru_cache(maxsize=1)
def extractor() -> Any:
    """The article extractor, loaded once per process (its models take a while)."""
    from legation.extract.pipeline import Extractor

    return Extractor.load()


# ── orders (legation.act) ──────────────────────────────────────────────────────────────────────────────────────

def hierarchy() -> Any:
    """The chain of command (Settings.authorities, i.e. LEGATION_AUTHORITIES, or the shipped example)."""
    from legation.settings import Settings

    return _hierarchy(Settings().authorities)


@functools.lru_cache(maxsize=4)
def _hierarchy(path: str | None) -> Any:
    from legation.act.authorities import load_hierarchy

    return load_hierarchy(path)


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


def orders_visible(conn: Any, user: User, at: dt.datetime, registry: list[Any] | None = None) -> list[Any]:
    """Every order as it stands at `at` (its newest version, and an older one still live while its amendment is
    a draft) that this user may see, as they may see it (`legation.domain.users.visible_order`, `redact_order`:
    a liaison, no drafts and only orders over their own sites, naming only those). `registry`: every site, when
    the caller has read them already."""
    from legation.domain.orders import LIVE, settle
    from legation.store.orders import list_orders
    from legation.store.sites import list_sites

    versions = [settle(o, at) for o in list_orders(conn, latest_only=False)]
    newest = {o.id: o.version for o in versions}  # oldest first, so the last one seen is the newest
    orders = [o for o in versions if o.version == newest[o.id] or o.state in LIVE]
    return visible_orders(user, orders, list_sites(conn) if registry is None else registry)


def orders_for_site(conn: Any, user: User, site: Any) -> list[Any]:
    """Live orders covering this site (their sites were resolved when they were issued)."""
    from legation.domain.orders import LIVE

    orders = orders_visible(conn, user, dt.datetime.now(dt.UTC))
    return [o for o in orders if o.state in LIVE and site.id in o.sites]


def supervision(conn: Any, user: User, at: dt.datetime) -> list[dict]:
    """Overdue acknowledgements, coverage gaps, expiring orders; a liaison gets the findings about their own sites
    only."""
    from legation.act.supervision import load_measures_table, watch

    findings = watch(conn, load_measures_table(), at)
    if user.role != "liaison":
        return findings
    mine = {s.id for s in visible_sites(conn, user)}
    return [f for f in findings if f.get("site") in mine]


def place_named(text: str) -> Any:
    """The gazetteer's reading of a place name (a Place, lat/lon None when unknown)."""
    from legation.resolve.places import resolve_place

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
