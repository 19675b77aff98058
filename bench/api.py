"""API load: 50 concurrent clients on loopback for 30 s against site status and event search, over a database
of 100,000 events. Prints requests/s and p50/p99 latency, overall and per endpoint (target: p99 ≤ 100 ms).

The server is `legation serve` in a subprocess on 127.0.0.1 (rate limit lifted for the run); the clients are
asyncio connections with keep-alive in this process, each sending its next request as soon as the last answered.
With `--writes N` the run has two phases on the same server, each `--seconds` long: reads only, then reads while a
writer process adds N events per second near the sites (a feed arriving), each dated on a random day of the two
years the data spans (`--write-days latest`: on the last day, as a live feed's are). Each write makes stale only the
kept answers it could change (legation/api/cache.py, legation/store/changes.py): the status of the sites near it and
the searches that could contain it, when its day falls in their window and it would sort within their page. The two
phases are printed one after the other, with the ratio of their p99. `--kept 0` turns keeping off: every request is
computed (the cold path).

    .venv/bin/python bench/api.py [--events 100000] [--clients 50] [--seconds 30] [--workers 2] [--writes 0]
                                  [--kept 4096] [--mix both|status|search|floor] [--db PATH]
                                  [--pg postgresql+psycopg://USER:PASSWORD@HOST/DB [--pg-workers 4]]

With `--pg` the same run follows on PostgreSQL (the database filled the same way on first use) and a table puts
the two side by side: requests/s, p50, p99 and server CPU per request, for each phase.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import multiprocessing
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shared import fill_events  # noqa: E402

from legation.domain.records import Event, Evidence, Party, Place, TimeSpan  # noqa: E402
from legation.domain.users import User  # noqa: E402
from legation.ingest.sites import example_sites_path, read_sites  # noqa: E402
from legation.store import open_store  # noqa: E402
from legation.store.audit import acting_as  # noqa: E402
from legation.store.events import upsert_events  # noqa: E402
from legation.store.sites import upsert_sites  # noqa: E402
from legation.store.users import add_user, find_user, issue_token  # noqa: E402

WORDS = ["drone", "rocket", "protest", "convoy", "checkpoint", "embassy", "militia", "airport", "base", "mortar"]
ACTORS = ["Islamic Resistance in Iraq", "Kataib Hezbollah", "protesters", "unknown gunmen", "security forces"]
TYPES = [("ASSAULT", ["drone"]), ("ASSAULT", ["heavy-weapons"]), ("PROTEST", ["demo"]), ("MOBILIZE", ["troops"]),
         ("THREATEN", ["violence"]), ("PROTECT", ["cordon"])]


def synthetic_events(n: int, seed: int = 7):
    """Events scattered over Iraq and eastern Syria across two years, denser around Baghdad and Erbil."""
    rng = random.Random(seed)
    hubs = [(33.31, 44.37, 0.3), (36.19, 44.01, 0.2), (33.8, 42.44, 0.4), (30.51, 47.78, 0.3), (34.5, 40.0, 2.0)]
    start = dt.date(2022, 1, 1)
    for i in range(n):
        lat, lon, spread = rng.choice(hubs)
        kind, modes = rng.choice(TYPES)
        day = (start + dt.timedelta(days=rng.randrange(730))).isoformat()
        words = " ".join(rng.sample(WORDS, 3))
        yield Event(doc=f"bench-{i // 10}", type=kind, mode=modes, source="field",
                    actors=[Party(text=rng.choice(ACTORS), kind="armed_group")],
                    location=Place(text="near", country="IRQ", lat=round(lat + rng.gauss(0, spread), 5),
                                   lon=round(lon + rng.gauss(0, spread), 5), precision="city"),
                    date=TimeSpan(start=day, end=day, precision="day", kind="exact"),
                    evidence=Evidence(sentence=f"Report {i}: {words} near the site.", row=i), confidence=0.7)


def prepare(db: str, n_events: int) -> tuple[str, list[str]]:
    store = open_store(db)
    with store.begin() as conn, acting_as("bench"):
        sites = read_sites(example_sites_path()).records
        upsert_sites(conn, sites)
        if find_user(conn, "bench") is None:
            add_user(conn, User("bench", "analyst"))
        token = issue_token(conn, "bench", ttl_days=1)
    fill_events(store, synthetic_events(n_events), n_events)
    store.close()
    return token, [s.id for s in sites]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: str, port: int, workers: int, kept: int) -> subprocess.Popen:
    """`legation serve` in a session of its own, so that `stop_server` ends its workers with it (each loads the
    models first: a few seconds each, longer on a busy machine)."""
    env = {**os.environ, "LEGATION_API_RATE_PER_MINUTE": "0", "LEGATION_API_KEPT_ANSWERS": str(kept)}
    proc = subprocess.Popen([sys.executable, "-m", "legation", "--db", str(db), "serve", "--host", "127.0.0.1",
                             "--port", str(port), "--workers", str(workers)], env=env, start_new_session=True)
    wait = 60 + 30 * workers
    deadline = time.time() + wait
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    stop_server(proc)
    raise SystemExit(f"the server did not come up within {wait} s")


def stop_server(proc: subprocess.Popen) -> None:
    """The server and its workers ended (the whole session: a worker left behind would hold its memory)."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass


MIX = {"both": 0.5, "status": 1.0, "search": 0.0, "floor": -1.0}  # floor: /auth/me, the cost of HTTP + auth


def paths(site_ids: list[str], rng: random.Random, share_status: float = 0.5) -> tuple[str, str]:
    if share_status < 0:
        return "me", "/api/v1/auth/me"
    if rng.random() < share_status:
        return "status", f"/api/v1/sites/{rng.choice(site_ids)}/status?at=2023-10-25&days=30"
    word = rng.choice(WORDS)
    if rng.random() < 0.5:
        return "search", f"/api/v1/events?q={word}&limit=20"
    return "search", f"/api/v1/events?q={word}&lat=33.31&lon=44.37&km=10&since=2023-06-01&limit=20"


async def client(port: int, token: str, site_ids: list[str], stop: float, seed: int, out: dict, errors: list,
                 share_status: float):
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < stop:
            name, path = paths(site_ids, rng, share_status)
            request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                       f"Connection: keep-alive\r\n\r\n").encode()
            began = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            out.setdefault(name, []).append(time.perf_counter() - began)
            if status != 200:
                errors.append((status, path))
    finally:
        writer.close()


LAST_DAY = "2023-12-31"  # the last day synthetic_events may give


def writer(db: str, per_second: float, stop, written, took, latest: bool = False) -> None:
    """Add one event near a random hub per_second times a second until `stop` (each one a separate write), in a
    process of its own, as a feed would be (in the clients' process, its CPU would be counted as their latency).
    `written` counts the writes, `took` adds up their seconds. Each event is dated on a random day of the two
    years, or with `latest` on the last of them."""
    if per_second <= 0:
        return
    store = open_store(db)
    fresh = synthetic_events(10**9, seed=int(time.time()))
    began_at = time.perf_counter()
    try:
        while not stop.wait(max(0.0, began_at + (written.value + 1) / per_second - time.perf_counter())):
            event = next(fresh)
            if latest:  # the feed's newest day: the last of the two years, what a live feed sends
                event.date = TimeSpan(start=LAST_DAY, end=LAST_DAY, precision="day", kind="exact")
            event.doc = f"live-{written.value}-{time.time_ns()}"
            began = time.perf_counter()
            with store.begin() as conn, acting_as("bench:feed"):
                upsert_events(conn, [event])
            took.value += time.perf_counter() - began
            written.value += 1
    finally:
        store.close()


def cpu_seconds(root: int) -> float:
    """User + system CPU time of a process and all its descendants (Linux /proc; 0 elsewhere).

    Unlike latency, this does not depend on what else the machine is running: the server's CPU cost per request.
    """
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    stats = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.parent.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    family = {root}
    for _ in range(4):  # a few generations: uvicorn's supervisor and its workers
        family |= {pid for pid, (ppid, _) in stats.items() if ppid in family}
    return sum(stats[pid][1] for pid in family if pid in stats)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


async def load(port: int, token: str, site_ids: list[str], clients: int, seconds: float, share_status: float = 0.5):
    out: dict[str, list[float]] = {}
    errors: list = []
    stop = time.perf_counter() + seconds
    began = time.perf_counter()
    await asyncio.gather(*(client(port, token, site_ids, stop, i, out, errors, share_status)
                           for i in range(clients)))
    return out, errors, time.perf_counter() - began


def run(coroutine):
    """Run the clients on uvloop when installed (it is, with the server): less of the client's own time is
    counted as the server's latency."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="server processes (default: one per core here)")
    parser.add_argument("--writes", type=float, default=0.0, help="events written per second in a second phase "
                        "after a reads-only one (default none: reads only)")
    parser.add_argument("--write-days", choices=["spread", "latest"], default="spread",
                        help="the written events' days: random over the two years (default), or all the last day "
                        "(a live feed: every write tops the newest-first searches)")
    parser.add_argument("--kept", type=int, default=4096, help="answers the server keeps (0: none)")
    parser.add_argument("--mix", choices=list(MIX), default="both", help="which requests (default: half each)")
    parser.add_argument("--db", help="reuse this database: a path or a PostgreSQL URL (default: a temporary one)")
    parser.add_argument("--pg", help="also run the same on this PostgreSQL database (a URL), with --pg-workers "
                        "server processes, and print the two side by side")
    parser.add_argument("--pg-workers", type=int, default=4)
    parser.add_argument("--cold", action="store_true", help="instead: server CPU per request with nothing kept "
                        "against answers kept, reads only, in the same run (two servers of each, taking turns)")
    args = parser.parse_args()
    if args.cold:
        cold_against_kept(args, args.db or str(Path(tempfile.mkdtemp(prefix="legation-bench-")) / "bench.db"))
        return
    db = args.db or str(Path(tempfile.mkdtemp(prefix="legation-bench-")) / "bench.db")
    runs = [(db, args.workers)] + ([(args.pg, args.pg_workers)] if args.pg else [])
    table = []
    for url, workers in runs:
        results = bench(args, url, workers)
        name = "PostgreSQL" if "://" in url and not url.startswith("sqlite") else "SQLite"
        print(f"== {name}, {workers} worker{'s' if workers > 1 else ''}")
        for label, out, errors, elapsed, server_cpu, writes in results:
            report(args, workers, label, out, errors, elapsed, server_cpu, writes)
            every = [v for values in out.values() for v in values]
            if every:
                table.append((name, workers, label, len(every) / elapsed, pct(every, 50), pct(every, 99),
                              server_cpu / len(every) * 1000))
        if len(results) == 2:
            base, busy = ([v for values in r[1].values() for v in values] for r in results)
            if base and busy:
                print(f"p99 with {args.writes:g} writes/s: {pct(busy, 99):.1f} ms against {pct(base, 99):.1f} ms "
                      f"reads only, {pct(busy, 99) / pct(base, 99):.2f}x (same server, same run; target <= 2x)")
    if len(runs) > 1:
        print(f"\n| database | workers | phase | requests/s | p50 ms | p99 ms | server CPU ms/request |  "
              f"(load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)\n|---|---|---|---|---|---|---|")
        for name, workers, label, rate, p50, p99, cpu in table:
            print(f"| {name} | {workers} | {label} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {cpu:.1f} |")


def cold_against_kept(args, db: str, rounds: int = 2) -> None:
    """Reads only, against a server keeping answers and one keeping none, taking turns `rounds` times (so that a
    change in the machine's load falls on both), each turn `--seconds` long; prints each turn and the ratio of server
    CPU per request (issue 23's target: computing every answer again within 3× of serving kept ones)."""
    token, site_ids = prepare(db, args.events)
    cpu = {4096: [0.0, 0], 0: [0.0, 0]}
    for turn in range(rounds):
        for kept in (4096, 0):
            port = free_port()
            server = start_server(db, port, args.workers, kept)
            try:
                run(load(port, token, site_ids, 5, 3))  # warm up
                before = cpu_seconds(server.pid)
                out, _errors, elapsed = run(load(port, token, site_ids, args.clients, args.seconds, MIX[args.mix]))
                used = cpu_seconds(server.pid) - before
            finally:
                stop_server(server)
            n = sum(len(values) for values in out.values())
            cpu[kept][0] += used
            cpu[kept][1] += n
            print(f"turn {turn + 1}, {'answers kept' if kept else 'nothing kept'}: {n / elapsed:,.0f} requests/s, "
                  f"server CPU {used / max(n, 1) * 1000:.2f} ms per request (load average {os.getloadavg()[0]:.1f})")
    kept_ms, cold_ms = (cpu[k][0] / max(cpu[k][1], 1) * 1000 for k in (4096, 0))
    print(f"server CPU per request: nothing kept {cold_ms:.2f} ms, answers kept {kept_ms:.2f} ms: "
          f"{cold_ms / kept_ms:.2f}x ({args.workers} worker{'s' if args.workers > 1 else ''}, same run; target <= 3x)")


def bench(args, db: str, workers: int) -> list:
    """The phases (reads only; then with writes, when asked) against one server over `db`."""
    token, site_ids = prepare(db, args.events)
    port = free_port()
    server = start_server(db, port, workers, args.kept)
    phases = [("reads only", 0.0)] + ([(f"{args.writes:g} writes/s", args.writes)] if args.writes > 0 else [])
    results = []
    try:
        run(load(port, token, site_ids, 5, 3))  # warm up
        for label, per_second in phases:
            stop, written, took = multiprocessing.Event(), multiprocessing.Value("i", 0), multiprocessing.Value("d")
            feed = multiprocessing.Process(target=writer, args=(db, per_second, stop, written, took,
                                                                args.write_days == "latest"), daemon=True)
            cpu_before = cpu_seconds(server.pid)
            feed.start()
            try:
                out, errors, elapsed = run(load(port, token, site_ids, args.clients, args.seconds, MIX[args.mix]))
            finally:
                stop.set()
                feed.join(timeout=30)
            results.append((label, out, errors, elapsed, cpu_seconds(server.pid) - cpu_before,
                            (written.value, took.value)))
    finally:
        stop_server(server)
    return results


def report(args, workers: int, label: str, out: dict, errors: list, elapsed: float, server_cpu: float,
           writes: tuple[int, float]) -> None:
    n_written, write_seconds = writes
    every = [v for values in out.values() for v in values]
    print(f"[{label}] {len(every):,} requests in {elapsed:.1f} s from {args.clients} clients over {args.events:,} "
          f"events ({workers} worker{'s' if workers > 1 else ''}, {os.cpu_count()} cores, {n_written} "
          f"writes, {'answers kept' if args.kept else 'nothing kept'}): "
          f"{len(every) / elapsed:,.0f} requests/s, {len(errors)} errors")
    for name, values in [("all", every), *sorted(out.items())]:
        print(f"  {name:<7} n={len(values):>7,}  p50 {pct(values, 50):6.1f} ms  p99 {pct(values, 99):6.1f} ms  "
              f"mean {statistics.fmean(values) * 1000:6.1f} ms")
    if every and server_cpu:
        per = server_cpu / len(every) * 1000
        print(f"  server CPU {per:.1f} ms per request ({server_cpu:.1f} s in all): at most "
              f"{(os.cpu_count() or 1) * 1000 / per:,.0f} requests/s on {os.cpu_count()} idle cores; "
              f"load average now {os.getloadavg()[0]:.1f}")
    if n_written:
        print(f"  writes: {n_written} in {elapsed:.1f} s, {write_seconds / n_written * 1000:.1f} ms each on average")
    if errors:
        print(f"  first errors: {errors[:3]}")

if __name__ == "__main__":
    main()
