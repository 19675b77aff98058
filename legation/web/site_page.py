"""A site's page: its level, what it means and its probability, the drivers in words with the events behind them
(each linked to its report, incident and claims), coverage, nearby events over 90 days with the surge
marked, the orders in force over it, and the history of its levels."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from markupsafe import Markup

from legation.domain.records import parse_date
from legation.web import chart, sources
from legation.web.context import WebContext, level_colour, pages
from legation.web.map_page import DRIVER_EVENTS, level_meaning, site_point, type_colour, visible_links

NEARBY_KM = 25.0  # the chart counts events within this distance, or the site's own radius when larger


def router(ctx: WebContext) -> APIRouter:
    r = APIRouter()

    @r.get("/site/{site_id}")
    @pages
    def site_page(request: Request, site_id: str, at: str | None = None):
        from legation.store.events import events_near

        user = ctx.allowed(request, "sites.read")
        with ctx.store.connect() as conn:
            site = sources.site_for(conn, user, site_id)
            day = sources.as_of(conn, at)
            km = max(NEARBY_KM, site.radius_km or 0)
            since = day - dt.timedelta(days=sources.WINDOW_DAYS - 1)
            events = [e for e in events_near(conn, site.lat, site.lon, km, since=since.isoformat(),
                                             until=day.isoformat()) if e.date.start]
            assessment = sources.current_levels(conn).get(site.id)
            history = sources.level_history(conn, site.id)
            orders = sources.orders_for_site(conn, user, site)
            drivers = list(getattr(assessment, "drivers", None) or [])
            links = visible_links(conn, user, [i for d in drivers for i in d.event_ids])
        daily = chart.daily_counts([parse_date(e.date.end or e.date.start) for e in events], day)
        svg = chart.render(daily, f"Events within {km:g} km of {site.name}, per day, 90 days to {day}")
        level = getattr(assessment, "level", None) or 0
        return ctx.render(request, "site.html", user, site=site, assessment=assessment, level=level,
                          colour=level_colour(level), chart=Markup(svg), chart_text=chart.summary(daily),
                          events=events[:15], km=km, day=day, history=history, orders=orders,
                          type_colour=type_colour, point=site_point(site, assessment), limit=DRIVER_EVENTS,
                          drivers=[(d, [links[i] for i in d.event_ids if i in links]) for d in drivers],
                          meaning=level_meaning(level) if level else None)

    return r
