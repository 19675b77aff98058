"""The map page under load: 1,000 sites and 10,000 events, time to usable in headless chromium (target ≤ 2 s).

"Usable" is the moment the page's script marks `body[data-map-ready]`: the country shapes and every site with its
ring are drawn, and the map pans, zooms and opens sites; the events then stream into the clusters by chunks
without freezing the page, and the time every event is clustered and the slider answers
(`body[data-events-ready]`) is printed too. Both are timed from
navigation start (so they include the server building the page): medians of several loads by a signed-in
operations officer.

    .venv/bin/python bench/web.py [--sites 1000] [--events 10000] [--runs 5]
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


def _lap(laps: dict[str, list[float]], text: str) -> None:
    name, _, ms = text.rpartition(" ")
    if name and ms.isdigit():
        laps.setdefault(name, []).append(float(ms))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
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
        print(f"seeded {args.sites:,} sites and {args.events:,} events in {time.perf_counter() - started:.1f} s")
        with LiveServer(create_app(Settings(db=str(db)), store)) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.set_default_timeout(60_000)
            page.add_init_script("window.LEGATION_TIMING = true;")  # map.js logs its phases to the console
            laps: dict[str, list[float]] = {}
            page.on("console", lambda m: _lap(laps, m.text))
            page.goto(f"{server.url}/login")
            page.fill("#username", "ops1")
            page.fill("#password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_selector("body[data-map-ready='1']")
            laps.clear()
            usable, clustered, html_ms, size = [], [], [], 0
            for _ in range(args.runs):
                page.goto(f"{server.url}/map", wait_until="commit")
                page.wait_for_selector("body[data-events-ready='1']")
                timing = page.evaluate("""() => {
                    const nav = performance.getEntriesByType('navigation')[0];
                    return {usable: window.legationTimes.usable, events: window.legationTimes.events,
                            response: nav.responseEnd, size: nav.transferSize};
                }""")
                usable.append(timing["usable"] / 1000)
                clustered.append(timing["events"] / 1000)
                html_ms.append(timing["response"])
                size = timing["size"]
            shown = page.inner_text("#event-count")
            browser.close()
        store.close()
    print(f"map page: {args.sites:,} sites, {shown} events drawn, HTML {size / 1e6:.2f} MB")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"page received (server + transfer): median {statistics.median(html_ms):.0f} ms")
    phases = ", ".join(f"{name} {statistics.median(ms):.0f}" for name, ms in laps.items())
    print(f"map script, ms after it starts (median): {phases}")
    print(f"time to usable (base map, every site and ring): median {statistics.median(usable):.2f} s, "
          f"runs {', '.join(f'{t:.2f}' for t in usable)} (target <= 2 s)")
    print(f"every event clustered: median {statistics.median(clustered):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
