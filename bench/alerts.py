"""Report-to-alert latency: 100 reports posted one at a time to a running `legation serve` (POST /api/v1/reports:
read → extract → store → re-assess the sites → raise alerts → answer → deliver), with a webhook subscription to a
real HTTP receiver on loopback; prints p50/p99 of the time from sending each report to its first alert's arrival,
and the same for the alerts of level changes alone.

    .venv/bin/python bench/alerts.py [--reports 100]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legation.domain.alerts import Subscription  # noqa: E402
from legation.domain.users import User  # noqa: E402
from legation.ingest.sites import example_sites_path, read_sites  # noqa: E402
from legation.store import open_store  # noqa: E402
from legation.store.alerts import add_subscription  # noqa: E402
from legation.store.sites import upsert_sites  # noqa: E402
from legation.store.users import add_user, issue_token  # noqa: E402

TEMPLATE = ("Rockets hit {place} base\n\nBAGHDAD, Oct. 2{day}, 2023 - {n} rockets struck the {place} on {weekday}, "
            "Iraqi police said. Iran-backed militias have attacked bases hosting US troops {n} times this week.\n")
PLACES = ["Ain al-Asad air base", "Baghdad airport", "Harir air base", "Erbil air base"]


class Receiver:
    def __init__(self):
        self.arrivals: dict[str, float] = {}
        self.kinds: dict[str, str] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                alert = json.loads(body)
                outer.arrivals.setdefault(alert["id"], time.perf_counter())
                outer.kinds[alert["id"]] = alert["kind"]
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "LEGATION_API_RATE_PER_MINUTE": "0", "LEGATION_ALERT_BACKOFF": "0.05"}
    server = subprocess.Popen([sys.executable, "-m", "legation", "--db", str(db), "serve", "--port", str(port)],
                              env=env)
    base = f"http://127.0.0.1:{port}/api/v1"
    for _ in range(300):
        try:
            urllib.request.urlopen(f"{base}/health", timeout=1).close()
            return server, base
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not come up within 60 s")


def post(base: str, token: str, body: dict) -> dict:
    request = urllib.request.Request(f"{base}/reports", data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as answer:
        return json.loads(answer.read())


def settle(receiver: Receiver, before: set, quiet: float = 0.3, limit: float = 10.0) -> None:
    """Wait until alerts have arrived for this report and none for `quiet` seconds (at most `limit` seconds)."""
    deadline = time.perf_counter() + limit
    seen, last_change = len(receiver.arrivals), time.perf_counter()
    while time.perf_counter() < deadline:
        time.sleep(0.01)
        if len(receiver.arrivals) != seen:
            seen, last_change = len(receiver.arrivals), time.perf_counter()
        elif set(receiver.arrivals) != before and time.perf_counter() - last_change >= quiet:
            return


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    args = parser.parse_args()
    receiver = Receiver()
    db = Path(tempfile.mkdtemp()) / "bench.db"
    store = open_store(db)
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
        add_user(conn, User("bench", "analyst"))
        token = issue_token(conn, "bench", ttl_days=1)
        add_subscription(conn, Subscription(owner="bench", channel="webhook", target=receiver.url,
                                            event_radii={"ASSAULT": 50}))
    store.close()
    server, base = start_server(db)
    try:
        post(base, token, {"text": "Warm-up.\n\nNothing happened in Baghdad.", "published": "2023-10-01"})
        first, level, without = [], [], 0
        weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        for i in range(args.reports):
            text = (TEMPLATE.format(place=PLACES[i % 4], day=i % 7, n=2 + i % 5, weekday=weekdays[i % 7])
                    + f"Report number {i}.\n")
            before = set(receiver.arrivals)
            start = time.perf_counter()
            post(base, token, {"text": text, "title": f"report {i}", "published": f"2023-10-2{i % 7}"})
            settle(receiver, before)  # this report's alerts all in, before the next report is sent
            new = set(receiver.arrivals) - before
            if not new:
                without += 1
                continue
            first.append(min(receiver.arrivals[a] for a in new) - start)
            levels = [receiver.arrivals[a] for a in new if receiver.kinds.get(a) == "level_change"]
            if levels:
                level.append(min(levels) - start)
    finally:
        server.terminate()
        server.wait(timeout=30)
        receiver.server.shutdown()
    print(f"reports: {args.reports}, with alerts: {len(first)}, with a level change alert: {len(level)}, "
          f"with none: {without}")
    for name, values in (("first alert", first), ("level change", level)):
        if values:
            print(f"report-to-{name}: p50 {pct(values, 50):.0f} ms, p99 {pct(values, 99):.0f} ms, max "
                  f"{max(values) * 1000:.0f} ms, n={len(values)} (target: within 2,000 ms)")


if __name__ == "__main__":
    from legation.store.audit import acting_as

    with acting_as("bench"):  # the audit log names who wrote
        main()
