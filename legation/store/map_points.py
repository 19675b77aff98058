"""Events as map points: row number, type, position and day only, for the web map (100,000 markers without
building 100,000 full Event records), and the links the map shows of the events behind a level (report, incident,
claims). Read-only; the same filters as `events.query_events` (no negated or hypothetical events, located ones
only)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from legation.domain.geo import bbox, haversine_km
from legation.store.tables import events as t


def map_rows(conn: sa.Connection, *, since: str, until: str,
             near: Sequence[tuple[float, float, float]] | None = None) -> list[tuple[int, str, float, float, str]]:
    """Located events from `since` to `until` (ISO dates) as `(row number, type, lat, lon, last day)` tuples in row
    order, in one query; with `near` (a list of (lat, lon, km)), only those within one of the circles. The map
    loads 100,000 of them in one answer keyed by row number (a short integer, where an id is 36 characters), and
    asks for an event's details by its number (`event_id_at`)."""
    day = sa.func.coalesce(t.c.date_end, t.c.date_start)
    # The window's selective bound (its first day, against each event's last day) is not indexable, and its last
    # day keeps nearly every row: `date_start` is compared through substr() so that neither SQLite nor PostgreSQL
    # reads the rows through the date index, one lookup each (2-4 times slower than a scan for the map's window).
    query = (sa.select(t.c.pk, t.c.type, t.c.lat, t.c.lon, day.label("day"))
             .where(day >= since[:10], sa.func.substr(t.c.date_start, 1, 10) <= until[:10], t.c.lat.is_not(None),
                    t.c.lon.is_not(None), t.c.negated == sa.false(), t.c.hypothetical == sa.false())
             .order_by(t.c.pk))
    if near is not None:
        if not near:
            return []
        boxes = [bbox(lat, lon, km) for lat, lon, km in near]
        query = query.where(sa.or_(*(sa.and_(t.c.lat.between(a, b), t.c.lon.between(c, d))
                                     for a, b, c, d in boxes)))
    rows = _fetch(conn, query)
    if near is not None:
        rows = [r for r in rows if any(haversine_km(lat, lon, r[2], r[3]) <= km for lat, lon, km in near)]
    return rows


def _fetch(conn: sa.Connection, query: sa.Select) -> list[tuple]:
    """The query's rows as plain tuples straight from the driver's cursor (100,000 rows: SQLAlchemy's Row objects
    cost a third of the time)."""
    compiled = query.compile(dialect=conn.dialect)
    params = compiled.construct_params()
    args = tuple(params[name] for name in compiled.positiontup or ()) if compiled.positional else params
    cursor = conn.connection.cursor()
    try:
        cursor.execute(str(compiled), args)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def event_id_at(conn: sa.Connection, pk: int) -> str | None:
    """The id of the event stored at this row number (None: no such row)."""
    return conn.execute(sa.select(t.c.id).where(t.c.pk == pk)).scalar()


def event_links(conn: sa.Connection, event_ids: Sequence[str]) -> dict[str, dict]:
    """What the map shows of the events behind a level, by id: type, day, place, sentence, the report it was read
    from, its incident, and the claims of responsibility linked to it (each with the claim's own report). Events
    no longer stored are absent."""
    from legation.store.tables_incidents import claim_links

    ids = list(dict.fromkeys(event_ids))
    if not ids:
        return {}
    found: dict[str, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for r in conn.execute(sa.select(t.c.id, t.c.pk, t.c.type, t.c.date_start, t.c.date_end, t.c.lat, t.c.lon,
                                        t.c.sentence, t.c.report_id, t.c.incident_id, t.c.source)
                              .where(t.c.id.in_(chunk))):
            found[r.id] = {"id": r.id, "pk": r.pk, "type": r.type, "start": r.date_start, "end": r.date_end,
                           "lat": r.lat, "lon": r.lon, "sentence": r.sentence, "report_id": r.report_id,
                           "incident_id": r.incident_id, "source": r.source, "claims": []}
        claim = t.alias("claim")
        for r in conn.execute(sa.select(claim_links.c.attack_id, claim_links.c.claim_id, claim_links.c.claimant,
                                        claim.c.report_id, claim.c.sentence)
                              .outerjoin(claim, claim.c.id == claim_links.c.claim_id)
                              .where(claim_links.c.attack_id.in_(chunk))
                              .order_by(claim_links.c.claimant, claim_links.c.claim_id)):
            if r.attack_id in found:
                found[r.attack_id]["claims"].append({"claim_id": r.claim_id, "claimant": r.claimant,
                                                     "report_id": r.report_id, "sentence": r.sentence})
    return found
