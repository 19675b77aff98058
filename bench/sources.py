"""Item-to-alert latency of a live source: articles appear one by one on a loopback RSS feed (at random moments, a
few seconds apart), `legation watch` reads the feed on its default schedule (every 30 s) in this process, and each
article goes the way of `legation ingest` (read the page, extract, store, re-assess the example sites, raise and
deliver alerts) to a webhook receiver on loopback. Prints p50/p99 of the time from an item appearing on the feed to
its first alert's arrival, and from its page being fetched to that arrival.

    .venv/bin/python bench/sources.py [--items 100] [--gap 3] [--interval 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from legation.cli.watch import make_watcher  # noqa: E402
from legation.domain.alerts import Subscription  # noqa: E402
from legation.domain.sources import Source  # noqa: E402
from legation.ingest.sites import example_sites_path, read_sites  # noqa: E402
from legation.store import open_store  # noqa: E402
from legation.store.alerts import add_subscription  # noqa: E402
from legation.store.sites import upsert_sites  # noqa: E402
from legation.store.sources import add_source  # noqa: E402
from tests.ingest.sources.conftest import LoopSite, _handler, page, rss, story  # noqa: E402

FEED_WINDOW = 50  # entries the feed shows (the newest); an item that scrolls off before a run is never seen


class Receiver:
    """A webhook receiver: when each event's first alert arrived."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}  # event id → first arrival
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                alert = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                event = (alert.get("data") or {}).get("event")
                if event:
                    outer.arrivals.setdefault(event, time.perf_counter())
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--gap", type=float, default=3.0, help="mean seconds between two items on the feed")
    parser.add_argument("--interval", type=int, default=30, help="the feed's schedule (seconds; default: the "
                                                                 "default for feeds)")
    args = parser.parse_args()
    random.seed(20)
    receiver = Receiver()
    site = LoopSite()
    site.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.server.daemon_threads = True
    threading.Thread(target=site.server.serve_forever, daemon=True).start()
    site.put("/feed.xml", rss([]), content_type="application/rss+xml")

    store = open_store(Path(tempfile.mkdtemp()) / "bench.db")
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
        add_subscription(conn, Subscription(owner="bench", channel="webhook", target=receiver.url,
                                            event_radii={"ASSAULT": 500}))
        add_source(conn, Source(kind="rss", url=site.url("/feed.xml"), interval=args.interval),
                   dt.datetime.now(dt.UTC))
    watcher = make_watcher(store, "bench")
    from legation.cli.extract import warm_up

    warm_up(watcher.sink.extractor())  # what `legation watch` pays once, at its first article
    stop = threading.Event()
    looping = threading.Thread(target=watcher.loop, args=(stop,),
                               kwargs={"list_sources": lambda: store and watcher.book.all(), "idle": 1.0},
                               daemon=True)
    looping.start()

    appeared: dict[str, float] = {}  # page path → when it appeared on the feed
    entries = []
    try:
        for n in range(args.items):
            time.sleep(random.expovariate(1 / args.gap))
            headline, body = story(1000 + n)
            path = f"/news/{n}.html"
            link = site.put(path, page(headline, body))
            entries.append((headline, link, dt.datetime.now(dt.UTC)))
            site.put("/feed.xml", rss(entries[-FEED_WINDOW:]), content_type="application/rss+xml")
            appeared[path] = time.perf_counter()
        deadline = time.perf_counter() + 2 * args.interval + 60
        while time.perf_counter() < deadline:
            if _done(store, receiver, appeared, site):
                break
            time.sleep(0.5)
    finally:
        stop.set()
        looping.join(timeout=60)
        watcher.fetcher.close()
    first_alert, after_fetch, missing = [], [], []
    per_page = _alerts_per_page(store, receiver, site)
    for path in appeared:
        arrivals = per_page.get(path)
        if not arrivals:
            missing.append(path)
            continue
        first_alert.append(min(arrivals) - appeared[path])
        after_fetch.append(min(arrivals) - site.answered[path])
    from legation.store.sources import health

    with store.connect() as conn:
        [row] = health(conn, dt.datetime.now(dt.UTC))
    print(f"items: {args.items} on the feed (mean gap {args.gap} s), feed read every {args.interval} s; "
          f"with an alert: {len(first_alert)}, without: {len(missing)} {missing[:5]}; items recorded by status: "
          f"{row['items_by_status']}")
    for name, values, target in (("appearing on the feed", first_alert, "60 s"),
                                 ("its page fetched", after_fetch, "2 s")):
        if values:
            print(f"item-to-alert from {name}: p50 {pct(values, 50):.2f} s, p99 {pct(values, 99):.2f} s, "
                  f"max {max(values):.2f} s, n={len(values)} (target: within {target})")


def _alerts_per_page(store, receiver: Receiver, site: LoopSite) -> dict[str, list[float]]:
    from legation.store.tables import events, reports

    with store.connect() as conn:
        rows = conn.execute(sa.select(events.c.id, reports.c.url).join(reports, events.c.report_id == reports.c.id))
        per_page: dict[str, list[float]] = {}
        for event_id, url in rows:
            path = url.removeprefix(site.base)
            per_page.setdefault(path, [])
            if event_id in receiver.arrivals:
                per_page[path].append(receiver.arrivals[event_id])
    return per_page


def _done(store, receiver, appeared, site) -> bool:
    per_page = _alerts_per_page(store, receiver, site)
    return all(per_page.get(path) for path in appeared)


if __name__ == "__main__":
    from legation.store.audit import acting_as

    with acting_as("bench"):  # the audit log names who wrote
        main()
