"""Report-to-alert latency: ingest 100 reports one at a time (read → extract → store → re-assess → alert →
webhook delivered to a real HTTP receiver on loopback) and print p50/p99 of the time from the start of each
ingest to the webhook's arrival.

    .venv/bin/python bench/alerts.py [--reports 100]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legation.act.alerts import after_ingest  # noqa: E402
from legation.domain.alerts import Subscription  # noqa: E402
from legation.extract.pipeline import Extractor  # noqa: E402
from legation.ingest.articles import read_article  # noqa: E402
from legation.ingest.sites import example_sites_path, read_sites  # noqa: E402
from legation.settings import Settings  # noqa: E402
from legation.store import open_store  # noqa: E402
from legation.store.alerts import add_subscription  # noqa: E402
from legation.store.events import upsert_events  # noqa: E402
from legation.store.reports import upsert_report  # noqa: E402
from legation.store.sites import upsert_sites  # noqa: E402

TEMPLATE = ("Rockets hit {place} base\n\nBAGHDAD, Oct. 2{day}, 2023 - {n} rockets struck the {place} on {weekday}, "
            "Iraqi police said. Iran-backed militias have attacked bases hosting US troops {n} times this week.\n")
PLACES = ["Ain al-Asad air base", "Baghdad airport", "Harir air base", "Erbil air base"]


class Receiver:
    def __init__(self):
        self.arrivals: dict[str, float] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.arrivals.setdefault(self.headers.get("X-Legation-Alert", ""), time.perf_counter())
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    args = parser.parse_args()
    receiver = Receiver()
    tmp = Path(tempfile.mkdtemp())
    store = open_store(tmp / "bench.db")
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
        add_subscription(conn, Subscription(owner="bench", channel="webhook", target=receiver.url,
                                            event_radii={"ASSAULT": 50}))
    extractor = Extractor.load()
    settings = Settings(alert_backoff=0.05)
    latencies, without_alert = [], 0
    weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    for i in range(args.reports):
        path = tmp / f"r{i}.txt"
        path.write_text(TEMPLATE.format(place=PLACES[i % 4], day=i % 7, n=2 + i % 5, weekday=weekdays[i % 7])
                        + f"Report number {i}.\n")
        start = time.perf_counter()
        report = read_article(path, published=f"2023-10-2{i % 7}")
        events = extractor.extract(report)
        with store.begin() as conn:
            upsert_report(conn, report)
            upsert_events(conn, events)
        before = set(receiver.arrivals)
        after_ingest(store, events, at=dt.date.fromisoformat(report.published), settings=settings)
        new = set(receiver.arrivals) - before
        if new:
            latencies.append(min(receiver.arrivals[a] for a in new) - start)
        else:
            without_alert += 1
    receiver.server.shutdown()
    if not latencies:
        print("no report produced an alert; nothing to measure")
        return
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(round(0.99 * (len(latencies) - 1))))]
    print(f"reports: {args.reports}, alerts delivered: {len(latencies)}, reports with no new alert: {without_alert}")
    print(f"report-to-alert latency: p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms (target: within 2,000 ms)")


if __name__ == "__main__":
    main()
