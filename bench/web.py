"""The map under load: 1,000 sites and 100,000 events in SQLite, time to usable in headless chromium (target
<= 1.5 s), and the points answer (`/map/points`) the map draws from: its size and the server's time.

"Usable" is the moment the page's script marks `body[data-map-ready]`: the country shapes and every site with its
ring are drawn and a site opens its details on click; the bench then clicks a site and times its details. The
events stream into the clusters by chunks afterwards, without freezing the page; the time every event is
clustered (`body[data-events-ready]`) is printed too. Times are from navigation start (so they include the server
building the page and the points), medians of several loads by a signed-in operations officer: "cold" loads follow
a write (the points are computed again), "warm" loads find them kept (the browser revalidates with its ETag: 304).

    .venv/bin/python bench/web.py [--sites 1000] [--events 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legation.acting import acting_as  # noqa: E402
from legation.settings import Settings  # noqa: E402
from legation.store import open_store  # noqa: E402
from legation.web import create_app  # noqa: E402
from tests.web.conftest import CHROMIUM_ARGS, LiveServer  # noqa: E402
from tests.web.seed import PASSWORD, bulk  # noqa: E402

TARGET_S = 1.5


def _lap(laps: dict[str, list[float]], text: str) -> None:
    name, _, ms = text.rpartition(" ")
    if name and ms.isdigit():
        laps.setdefault(name, []).append(float(ms))


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def touch(store, n: int) -> None:
    """A write no kept answer can see past (a site's note changed): the next points answer is computed again."""
    from dataclasses import replace

    from legation.store.sites import get_site, upsert_sites

    with store.begin() as conn, acting_as("bench"):
        upsert_sites(conn, [replace(get_site(conn, "site-00000"), notes=f"bench write {n}")])


def server_side(store, url: str, cookie: str, runs: int) -> None:
    """The points answer: compute time in process, then over HTTP cold (after a write), kept, and 304."""
    import datetime as dt

    import httpx

    from legation.domain.users import User
    from legation.store.map_points import map_rows
    from legation.web import sources
    from legation.web.map_page import points

    user = User("ops1", "operations-officer")
    computed, queried = [], []
    for _ in range(runs):
        with store.connect() as conn:
            day = sources.as_of(conn)
            since = (day - dt.timedelta(days=sources.WINDOW_DAYS - 1)).isoformat()
            started = time.perf_counter()
            map_rows(conn, since=since, until=day.isoformat())  # the baseline: the events' one query alone
            queried.append(time.perf_counter() - started)
            started = time.perf_counter()
            data = points(conn, user, day)
            computed.append(time.perf_counter() - started)
    print(f"points computed in process ({data['events']['n']:,} events, {len(data['sites']):,} sites): median "
          f"{median_ms(computed)}; the events' query alone {median_ms(queried)} "
          f"(ratio {statistics.median(computed) / statistics.median(queried):.2f})")
    cold, warm, revalidated, raw, packed = [], [], [], 0, 0
    with httpx.Client(base_url=url, cookies={"legation_session": cookie}, timeout=60) as http:
        for n in range(runs):
            touch(store, n)
            started = time.perf_counter()
            r = http.get("/map/points", headers={"accept-encoding": "gzip"})
            cold.append(time.perf_counter() - started)
            packed = int(r.headers.get("content-length") or len(r.content))
            raw = len(r.content)
            etag = r.headers["etag"]
            started = time.perf_counter()
            http.get("/map/points", headers={"accept-encoding": "gzip"})
            warm.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert http.get("/map/points", headers={"if-none-match": etag}).status_code == 304
            revalidated.append(time.perf_counter() - started)
    print(f"points payload: {raw / 1e6:.2f} MB of JSON, {packed / 1e6:.2f} MB gzipped "
          f"({raw / max(data['events']['n'], 1):.1f} bytes an event before gzip)")
    print(f"points over HTTP: cold (after a write) median {median_ms(cold)}, kept {median_ms(warm)}, "
          f"304 {median_ms(revalidated)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    chromium = os.environ.get("LEGATION_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(chromium):
        print(f"chromium is absent ({chromium}); set LEGATION_CHROMIUM", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = open_store(db)
        started = time.perf_counter()
        with acting_as("bench"):
            bulk(store, args.sites, args.events)
        print(f"seeded {args.sites:,} sites and {args.events:,} events (90 days) in SQLite in "
              f"{time.perf_counter() - started:.1f} s")
        with LiveServer(create_app(Settings(db=str(db)), store)) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(120_000)
            page.add_init_script("window.LEGATION_TIMING = true;")  # map.js logs its phases to the console
            laps: dict[str, list[float]] = {}
            page.on("console", lambda m: _lap(laps, m.text))
            page.goto(f"{server.url}/login")
            page.fill("#username", "ops1")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("body[data-map-ready='1']")
            cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "legation_session")
            server_side(store, server.url, cookie, args.runs)
            laps.clear()
            times: dict[str, list[float]] = {"cold": [], "warm": []}
            clicked, clustered, html_ms = [], [], []
            for n in range(args.runs * 2):
                kind = "cold" if n % 2 == 0 else "warm"
                if kind == "cold":
                    touch(store, 100 + n)
                page.goto(f"{server.url}/map", wait_until="commit")
                page.wait_for_selector("body[data-map-ready='1']")
                usable = page.evaluate("window.legationTimes.usable")
                times[kind].append(usable / 1000)
                started = page.evaluate("performance.now()")
                page.locator("path.site").first.dispatch_event("click")  # a marker answers: its details open
                page.wait_for_selector("[data-testid=site-details]")
                clicked.append((page.evaluate("performance.now()") - started) / 1000)
                page.wait_for_selector("body[data-events-ready='1']")
                timing = page.evaluate("""() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    return {events: window.legationTimes.events, response: nav.responseEnd};
                }""")
                clustered.append(timing["events"] / 1000)
                html_ms.append(timing["response"])
            shown = page.inner_text("#event-count")
            browser.close()
        store.close()
    print(f"map: {args.sites:,} sites, {shown} events drawn")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"page received (server + transfer): median {statistics.median(html_ms):.0f} ms")
    phases = ", ".join(f"{name} {statistics.median(ms):.0f}" for name, ms in laps.items())
    print(f"map script, ms after it starts (median): {phases}")
    for kind, values in times.items():
        print(f"time to usable, {kind} (every site and ring drawn, sites open on click): median "
              f"{statistics.median(values):.2f} s, runs {', '.join(f'{t:.2f}' for t in values)} "
              f"(target <= {TARGET_S} s)")
    print(f"a site clicked to its details shown: median {statistics.median(clicked) * 1000:.0f} ms")
    print(f"every event clustered: median {statistics.median(clustered):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
