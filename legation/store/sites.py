"""Sites: create, read, update (upsert by id), all audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from legation.domain.errors import NotFound
from legation.domain.geo import bbox, haversine_km
from legation.domain.sites import Site
from legation.store import audit
from legation.store.tables import sites as t

_FIELDS = ("name", "kind", "sending_state", "host_country", "city", "lat", "lon", "radius_km", "posture", "contacts",
           "approximate", "notes")


@dataclass
class UpsertCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0


def _site(row: sa.Row) -> Site:
    return Site(id=row.id, **{name: getattr(row, name) for name in _FIELDS})


def _values(site: Site) -> dict:
    return {name: getattr(site, name) for name in _FIELDS}


def upsert_sites(conn: sa.Connection, sites: Iterable[Site]) -> UpsertCounts:
    """Insert new sites, update changed ones, leave identical ones alone (importing twice changes nothing)."""
    counts = UpsertCounts()
    now = dt.datetime.now(dt.UTC)
    for site in sites:
        existing = conn.execute(sa.select(t).where(t.c.id == site.id)).first()
        values = _values(site)
        if existing is None:
            conn.execute(t.insert().values(id=site.id, updated_at=now, **values))
            audit.append(conn, "site.create", "site", site.id, after=site.to_dict())
            counts.inserted += 1
        elif _site(existing).to_dict() != site.to_dict():
            before = _site(existing).to_dict()
            conn.execute(t.update().where(t.c.id == site.id).values(updated_at=now, **values))
            audit.append(conn, "site.update", "site", site.id, before=before, after=site.to_dict())
            counts.updated += 1
        else:
            counts.unchanged += 1
    return counts


# Statements asked on every status read, built once: building one costs more than running it
_SITE = sa.select(t).where(t.c.id == sa.bindparam("site_id"))


def get_site(conn: sa.Connection, site_id: str) -> Site:
    row = conn.execute(_SITE, {"site_id": site_id}).first()
    if row is None:
        raise NotFound(f"no site with id {site_id!r}")
    return _site(row)


def list_sites(conn: sa.Connection, *, sending_state: str | None = None, kind: str | None = None,
               city: str | None = None, host_country: str | None = None) -> list[Site]:
    query = sa.select(t).order_by(t.c.id)
    if sending_state:
        query = query.where(t.c.sending_state == sending_state.upper())
    if kind:
        query = query.where(t.c.kind == kind)
    if city:
        query = query.where(sa.func.lower(t.c.city) == city.lower())
    if host_country:
        query = query.where(t.c.host_country == host_country.upper())
    return [_site(row) for row in conn.execute(query)]


def sites_near(conn: sa.Connection, lat: float, lon: float, km: float) -> list[tuple[Site, float]]:
    """Sites within `km` of a point, nearest first, with their distance."""
    min_lat, max_lat, min_lon, max_lon = bbox(lat, lon, km)
    query = sa.select(t).where(t.c.lat.between(min_lat, max_lat), t.c.lon.between(min_lon, max_lon))
    if conn.dialect.name == "sqlite":
        query = sa.select(t).where(t.c.pk.in_(sa.text(
            "SELECT pk FROM site_rtree WHERE min_lat >= :a AND max_lat <= :b AND min_lon >= :c AND max_lon <= :d"
        ).bindparams(a=min_lat, b=max_lat, c=min_lon, d=max_lon)))
    found = [(_site(r), haversine_km(lat, lon, r.lat, r.lon)) for r in conn.execute(query)]
    return sorted([(s, d) for s, d in found if d <= km], key=lambda pair: pair[1])
