"""A 24-hour run on a manual clock: a news feed gains an article an hour (and keeps repeating the last ten), GDELT
publishes an export every 15 minutes; the feed fails for two hours, is malformed for half an hour, one page is slow
once, one export is cut short once. Every item is ingested once, and the health says what happened."""

from __future__ import annotations

import datetime as dt

import pytest

from legation.store.reports import count_reports
from legation.store.sources import health
from tests.ingest.feeds.conftest import gdelt_row
from tests.ingest.sources.conftest import START, Route, add, items, page, rss, sources, story, zipped

STEP = 60  # seconds the clock moves between two looks at what is due


@pytest.mark.slow
def test_a_simulated_day_ingests_every_item_once_and_keeps_the_health_right(site, store, make_watcher):
    feed = add(store, "rss", site.url("/feed.xml"), interval=120)
    gdelt = add(store, "gdelt", site.url("/gdeltv2/lastupdate.txt"))
    watcher = make_watcher(timeout=0.5)
    clock = watcher.clock
    published: list[tuple[str, str, dt.datetime]] = []
    exports: list[str] = []
    slow_done = cut_done = False

    def publish_article(now: dt.datetime) -> None:
        n = len(published)
        headline, body = story(n, now.date())
        link = site.put(f"/news/{n}.html", page(headline, body, published=now.date().isoformat()))
        published.append((headline, link, now))

    def publish_export(now: dt.datetime) -> None:
        name = f"{now:%Y%m%d%H%M%S}.export.CSV.zip"
        k = len(exports)
        data = zipped(name[:-4], "\n".join(gdelt_row(10_000 + 2 * k + j, lat=f"33.{k:02d}", lon="44.39")
                                           for j in range(2)) + "\n")
        site.put(f"/gdeltv2/{name}", data, content_type="application/zip")
        import hashlib

        site.put("/gdeltv2/lastupdate.txt", f"{len(data)} {hashlib.md5(data).hexdigest()} "
                                            f"{site.url('/gdeltv2/' + name)}\n", content_type="text/plain")
        exports.append(name)

    end = START + dt.timedelta(hours=24)
    while clock.now() < end:
        now = clock.now()
        elapsed = now - START
        minute = int(elapsed.total_seconds() // 60)
        if minute % 60 == 0:
            publish_article(now)
            site.put("/feed.xml", rss(published[-10:]), content_type="application/rss+xml")
        if minute % 15 == 0:
            publish_export(now)
        hour = elapsed.total_seconds() / 3600
        if 5 <= hour < 7:
            site.routes["/feed.xml"].status = 500
        elif 18 <= hour < 18.5:
            site.put("/feed.xml", "<rss><channel><item><title>cut", content_type="text/xml")
        else:
            site.put("/feed.xml", rss(published[-10:]), content_type="application/rss+xml")
        if hour >= 12 and not slow_done and minute % 60 == 0:  # the article of noon answers slowly, once
            site.routes[f"/news/{len(published) - 1}.html"].delay = 1.0
            slow_done = True
        elif slow_done and minute % 60 == 10:
            for route in site.routes.values():
                route.delay = 0.0
        if hour >= 15 and not cut_done and minute % 15 == 0:  # one export arrives cut short, once
            name = exports[-1]
            whole = site.routes[f"/gdeltv2/{name}"].body
            site.routes[f"/gdeltv2/{name}"] = Route(whole[:-40], content_type="application/zip")
            cut_done = name
        elif cut_done and isinstance(cut_done, str) and minute % 15 == 5:
            site.routes[f"/gdeltv2/{cut_done}"] = Route(zipped(cut_done[:-4], "\n".join(
                gdelt_row(10_000 + 2 * exports.index(cut_done) + j, lat=f"33.{exports.index(cut_done):02d}",
                          lon="44.39") for j in range(2)) + "\n"), content_type="application/zip")
            cut_done = True
        watcher.run_due()
        clock.advance(STEP)

    with store.connect() as conn:
        reports = count_reports(conn)
        rows = {row["id"]: row for row in health(conn, clock.now())}
    feed_items = items(store, feed.id)
    assert reports == len(published) == 24
    assert sorted(i["key"] for i in feed_items) == sorted(link for _, link, _ in published)
    assert {i["status"] for i in feed_items} == {"ingested"}
    for _, link, _ in published:  # each page fetched once, but the slow one (timed out while slow, then read)
        path = link.removeprefix(site.base)
        if path == "/news/12.html":
            assert len(site.asked(path)) >= 2
        else:
            assert len(site.asked(path)) == 1, path
    gdelt_items = items(store, gdelt.id)
    assert sorted(i["key"] for i in gdelt_items) == sorted(site.url("/gdeltv2/" + n) for n in exports)
    assert len(exports) == 96
    state = sources(store)
    assert state[feed.id].failures == 0 and state[gdelt.id].failures == 0
    assert "not a readable RSS or Atom feed" in state[feed.id].last_error
    assert "cut short" in state[gdelt.id].last_error
    assert rows[feed.id]["items_last_day"] == 24 and rows[gdelt.id]["items_last_day"] == 96
    assert not rows[feed.id]["quiet"] and not rows[gdelt.id]["quiet"]
    assert (clock.now() - state[feed.id].last_success).total_seconds() <= 180
