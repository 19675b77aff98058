"""The map: sites coloured by threat level with their radius rings, recent events clustered by type, a time slider.

The page carries its data inline as compact JSON (sites as objects, events as `[lat, lon, type, day, id]` rows,
`day` counted back from the as-of day), so it is usable after one request; an event's details load on click.
"""

from __future__ import annotations

import datetime as dt
import json

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from legation.domain.assessment import LEVELS
from legation.domain.errors import InputError, NotFound
from legation.domain.ontology import EVENT_TYPES
from legation.web import sources
from legation.web.context import LEVEL_COLOURS, WebContext, flash, level_colour, pages, same_origin, set_flash

# One colour per event type, darker than the map so a white letter on it stays readable.
TYPE_COLOURS = {
    "ASSAULT": "#b3001b", "PROTEST": "#7a4b00", "THREATEN": "#8a1c7c", "COERCE": "#5b2a86", "MOBILIZE": "#234f8c",
    "SANCTION": "#4a4a4a", "ACCUSE": "#5e5e5e", "REJECT": "#5e5e5e", "REQUEST": "#2d6a4f", "PROTECT": "#0b6e4f",
    "CLAIM": "#9c2f00", "ADVISORY": "#00507a",
}
DEFAULT_TYPE_COLOUR = "#3d5a73"
LISTED_SITES = 200  # the side list shows the highest levels first; `?all_sites=true` lists every site


def type_colour(event_type: str) -> str:
    return TYPE_COLOURS.get(event_type, DEFAULT_TYPE_COLOUR)


def inline_json(data) -> str:
    """JSON safe inside a <script> element: no `<` at all, so no `</script>` or `<!--` can end or bend it."""
    return json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")


TRUE, FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off", "")


def flag(name: str, value: str | None) -> bool:
    """A yes/no query parameter; anything else is one clear error (a 400 page)."""
    text = (value or "").strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise InputError(f"{name} must be true or false, not {value[:40]!r}")


def colours_css() -> str:
    """The level and event-type colours as rules (`data-lv="N"`, class `ty-TYPE`): the pages colour by attribute
    and class, so the Content-Security-Policy needs no inline styles."""
    rules = [f'[data-lv="{level}"] {{ background: {colour}; }}' for level, colour in LEVEL_COLOURS.items()]
    rules += [f".ty-{kind} {{ background: {colour}; }}" for kind, colour in TYPE_COLOURS.items()]
    return "/* Generated from legation/web (LEVEL_COLOURS, TYPE_COLOURS). */\n" + "\n".join(rules) + "\n"


# The map's legend: each colour with its level's name (the UN scale), and grey for what no one can say.
LEGEND = [(level, f"{level} {name}") for level, name in sorted(LEVELS.items(), reverse=True)]
LEGEND.append((0, "unknown (no coverage) or not assessed"))


def site_rows(sites, levels) -> list[dict]:
    rows = []
    for site in sites:
        a = levels.get(site.id)
        level = getattr(a, "level", None) or 0
        rows.append({"id": site.id, "name": site.name, "kind": site.kind, "state": site.sending_state,
                     "city": site.city, "lat": site.lat, "lon": site.lon, "radius_km": site.radius_km,
                     "level": level, "level_name": getattr(a, "level_name", None) or "not assessed",
                     "probability": getattr(a, "probability", None), "colour": level_colour(level)})
    rows.sort(key=lambda row: (-row["level"], row["name"]))
    return rows


def event_rows(points, day) -> list[list]:
    """`[lat, lon, type, days before the as-of day, id]` per point (dates as stored are ISO, checked on write)."""
    ordinal = day.toordinal()
    return [[round(p.lat, 5), round(p.lon, 5), p.type, ordinal - dt.date.fromisoformat(p.day).toordinal(), p.id]
            for p in points]


def router(ctx: WebContext) -> APIRouter:
    r = APIRouter()

    @r.get("/map")
    @pages
    def map_page(request: Request, at: str | None = None, all_sites: str | None = None):
        user = ctx.allowed(request, "sites.read")
        every = flag("all_sites", all_sites)
        with ctx.store.connect() as conn:
            day = sources.as_of(conn, at)
            sites = sources.visible_sites(conn, user)
            rows = site_rows(sites, sources.current_levels(conn))
            events = sources.recent_events(conn, user, sites, day)
        types = sorted({e.type for e in events}, key=EVENT_TYPES.index)
        data = {"sites": rows, "events": event_rows(events, day), "window": sources.WINDOW_DAYS,
                "as_of": day.isoformat(), "types": {t: type_colour(t) for t in types},
                "tile_url": ctx.settings.tile_url}
        listed = rows if every else rows[:LISTED_SITES]
        from legation.web.build_static import missing

        return ctx.render(request, "map.html", user, sites=listed, n_sites=len(rows), day=day,
                          vendor_missing=missing(), done=flash(request), types=data["types"], legend=LEGEND,
                          n_events=len(events), window=sources.WINDOW_DAYS,
                          data_json=inline_json(data))

    @r.post("/map/assess")
    @pages
    def reassess(request: Request, at: str | None = Form(None)):
        """Run the threat model over every site as of the map's day and record the levels (as this user)."""
        from legation.store.audit import acting_as

        user = ctx.allowed(request, "assessments.run")
        same_origin(request)
        from legation.assess.service import assess_sites
        from legation.store.assessments import record_assessments

        with ctx.store.connect() as conn:
            day = sources.as_of(conn, at)
            found = assess_sites(conn, day)
        with ctx.store.begin() as conn, acting_as(user.username):
            changes = record_assessments(conn, found)
        message = f"{len(found)} sites assessed as of {day}; {len(changes)} changed level"
        return set_flash(request, RedirectResponse("/map", status_code=303), message)

    @r.get("/web/colours.css", include_in_schema=False)
    def colours():
        return Response(colours_css(), media_type="text/css", headers={"cache-control": "max-age=3600"})

    @r.get("/map/event/{event_id}", response_class=HTMLResponse)
    @pages
    def event_fragment(request: Request, event_id: str):
        from legation.store.events import get_event

        user = ctx.allowed(request, "events.read")
        with ctx.store.connect() as conn:
            event = get_event(conn, event_id)
            if not sources.may_see_event(conn, user, event):
                raise NotFound(f"no event with id {event_id!r}")
        return ctx.render(request, "event_fragment.html", user, event=event, colour=type_colour(event.type))

    return r
