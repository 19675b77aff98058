"""`legation events list|search|show`: the stored events (articles and feeds), filtered, in several formats."""

from __future__ import annotations

import json
from typing import Any

import typer

from legation.cli import app, state
from legation.cli.output import Format, ListFormat, emit

events_app = typer.Typer(help="Stored events from articles and feeds: list, search the evidence, show one.",
                         no_args_is_help=True)
app.add_typer(events_app, name="events")

COLUMNS = ("date", "type", "mode", "actors", "recipients", "place", "country", "fatalities", "source", "id")


def _near(conn, site: str | None, point: str | None, km: float | None) -> tuple[float, float, float] | None:
    """(lat, lon, km) from --site or --point; a site's own radius when --km is not given."""
    from legation.domain.errors import InputError

    if site and point:
        raise InputError("give --site or --point, not both")
    if site:
        from legation.store.sites import get_site

        found = get_site(conn, site)
        return found.lat, found.lon, km if km is not None else found.radius_km
    if point:
        try:
            lat, lon = (float(part) for part in point.split(","))
        except ValueError:
            raise InputError(f"--point wants LAT,LON (e.g. 33.31,44.37), not {point!r}") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(f"--point out of range: {point!r}")
        if km is None:
            raise InputError("--point needs --km (the radius in kilometres)")
        return lat, lon, km
    if km is not None:
        raise InputError("--km needs --site or --point")
    return None


def _check_date(value: str | None, option: str) -> None:
    from legation.domain.errors import InputError
    from legation.domain.records import parse_date

    if value:
        try:
            parse_date(value)
        except InputError:
            raise InputError(f"{option} wants a date YYYY-MM-DD, not {value!r}") from None


def _row(record: dict[str, Any]) -> dict[str, Any]:
    loc, date = record.get("location") or {}, record.get("date") or {}
    start, end = date.get("start"), date.get("end")
    return {"date": start if not end or end == start else f"{start}..{end}", "type": record["type"],
            "mode": "|".join(record.get("mode") or []),
            "actors": "; ".join(p.get("name") or p.get("text") for p in record.get("actors") or []),
            "recipients": "; ".join(p.get("name") or p.get("text") for p in record.get("recipients") or []),
            "place": loc.get("name") or loc.get("text"), "country": loc.get("country"), "lat": loc.get("lat"),
            "lon": loc.get("lon"), "precision": loc.get("precision"), "fatalities": record.get("fatalities"),
            "source": record.get("source"), "id": record.get("id"),
            "evidence": (record.get("evidence") or {}).get("sentence")}


def _geojson(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Events with coordinates as Point features (properties: the whole record); unplaced events are left out."""
    features = [{"type": "Feature", "id": r["id"],
                 "geometry": {"type": "Point", "coordinates": [r["location"]["lon"], r["location"]["lat"]]},
                 "properties": r}
                for r in records if (r.get("location") or {}).get("lat") is not None]
    return {"type": "FeatureCollection", "features": features}


def _print(records: list[dict[str, Any]], fmt: ListFormat, title: str) -> None:
    if fmt == ListFormat.geojson:
        print(json.dumps(_geojson(records), ensure_ascii=False, indent=2, default=str))
    elif fmt in (ListFormat.json, ListFormat.jsonl):
        emit(records, fmt)
    elif fmt == ListFormat.csv:
        emit([_row(r) for r in records], fmt, columns=COLUMNS + ("lat", "lon", "precision", "evidence"))
    else:
        emit([_row(r) for r in records], fmt, columns=COLUMNS, title=title)


def _query(ctx: typer.Context, *, text: str | None, types, mode, actor, country, source, site, point, km, since,
           until, limit) -> list[dict[str, Any]]:
    from legation.store.events import query_events

    _check_date(since, "--since")
    _check_date(until, "--until")
    with state(ctx).store().connect() as conn:
        near = _near(conn, site, point, km)
        events = query_events(conn, types=[t.upper() for t in types or []] or None, mode=mode, actor=actor,
                              country=country, near=near, since=since, until=until, text=text, limit=limit,
                              sources=[s.lower() for s in source or []] or None)
    return [e.to_dict() for e in events]


# The filters `list` and `search` share, declared once.
TYPES = typer.Option(None, "--type", help="Only this event type (repeatable), e.g. ASSAULT.")
MODE = typer.Option(None, "--mode", help="Only events with this mode, e.g. drone.")
ACTOR = typer.Option(None, "--actor", help="Only events with an actor whose name contains this.")
COUNTRY = typer.Option(None, "--country", help="Only events located in this country (ISO alpha-3).")
SOURCE = typer.Option(None, "--source", help="Only events from this source (repeatable): article, acled, gdelt, ucdp.")
SITE = typer.Option(None, "--site", help="Only events within --km (default: the site's radius) of this protected site.")
POINT = typer.Option(None, "--point", help="Only events within --km of this point, LAT,LON.")
KM = typer.Option(None, "--km", help="Radius in kilometres for --site or --point.")
SINCE = typer.Option(None, "--since", help="Only events on or after this date (YYYY-MM-DD).")
UNTIL = typer.Option(None, "--until", help="Only events on or before this date (YYYY-MM-DD).")
LIMIT = typer.Option(100, "--limit", help="At most this many events, newest first.")
FORMAT = typer.Option(ListFormat.table, "--format", help="table, json, jsonl, csv or geojson")


@events_app.command("list")
def list_(ctx: typer.Context, types: list[str] = TYPES, mode: str = MODE, actor: str = ACTOR, country: str = COUNTRY,
          source: list[str] = SOURCE, site: str = SITE, point: str = POINT, km: float = KM, since: str = SINCE,
          until: str = UNTIL, limit: int = LIMIT, fmt: ListFormat = FORMAT) -> None:
    """List stored events, newest first, filtered by type, mode, actor, country, source, place and date."""
    records = _query(ctx, text=None, types=types, mode=mode, actor=actor, country=country, source=source, site=site,
                     point=point, km=km, since=since, until=until, limit=limit)
    _print(records, fmt, "Events")


@events_app.command("search")
def search(ctx: typer.Context,
           query: str = typer.Argument(..., metavar="WORDS", help="Words to find in the evidence (all of them)."),
           types: list[str] = TYPES, mode: str = MODE, actor: str = ACTOR, country: str = COUNTRY,
           source: list[str] = SOURCE, site: str = SITE, point: str = POINT, km: float = KM, since: str = SINCE,
           until: str = UNTIL, limit: int = LIMIT, fmt: ListFormat = FORMAT) -> None:
    """Full-text search over the evidence of stored events (every word must appear), with the same filters."""
    records = _query(ctx, text=query, types=types, mode=mode, actor=actor, country=country, source=source,
                     site=site, point=point, km=km, since=since, until=until, limit=limit)
    _print(records, fmt, f"Events matching {query!r}")


@events_app.command("show")
def show(ctx: typer.Context, event_id: str = typer.Argument(..., metavar="ID", help="The event's id."),
         fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """One event: its whole record, how many earlier versions are kept, and the feed rows it was made from."""
    from legation.store.events import event_versions_of, get_event
    from legation.store.imports import rows_of_event

    with state(ctx).store().connect() as conn:
        record = get_event(conn, event_id).to_dict()
        record["versions_kept"] = len(event_versions_of(conn, event_id))
        rows = rows_of_event(conn, event_id)
        if rows:
            record["feed_rows"] = rows
    emit(record, fmt, title=f"Event {event_id}")
