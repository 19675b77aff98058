"""Benchmark: "events within R km of a site in the last N days" on PostgreSQL/PostGIS over many synthetic events.

Creates a scratch database beside the server's `postgres` (dropped at the end unless --keep), migrates it, and
loads `--events` synthetic events (default 10,000,000; at that size the load alone takes long on a small machine,
so say which N you ran) spread over Iraq and ten years: most around 60 hotspots, the rest anywhere in the
country. Then, for `--sites` sites (half at hotspots, half anywhere), it times the store's own `events_near(lat,
lon, km, since=)` (records decoded, as the threat model reads them), prints p50/p99/max, and prints EXPLAIN
(ANALYZE, BUFFERS) of the statement `events_near` sent for the busiest site, which shows the indexes used.

    LEGATION_TEST_PG_URL=postgresql+psycopg://legation:legation@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/postgis.py --events 1000000 [--sites 300] [--km 25] [--days 30] [--keep]

`--url` takes a superuser URL of the server (default: LEGATION_TEST_PG_URL); `--reuse NAME` times an existing
scratch database kept by an earlier --keep, without loading again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legation.store import open_store  # noqa: E402
from legation.store.events import events_near  # noqa: E402

LAT, LON = (29.5, 37.0), (39.0, 48.0)  # Iraq, roughly
FIRST_DAY, DAYS = dt.date(2016, 1, 1), 3650
HOTSPOTS = 60
BATCH = 250_000

TEMPLATE = """{"actor_source":"synthetic","actors":[],"claimed_by":[],"confidence":0.6,"context":[],
"date":{"end":null,"kind":"exact","precision":"day","start":null,"text":null},"doc":"bench","evidence":{"end":0,
"file":null,"row":null,"sentence":"Synthetic event.","start":0},"fatalities":null,"hypothetical":false,"id":null,
"location":{"admin1":null,"country":"IRQ","geonameid":null,"lat":null,"lon":null,"name":"synthetic",
"precision":"city","reason":null,"text":"synthetic"},"mode":[],"negated":false,"recipients":[],"report_id":null,
"sentence_number":0,"source":"bench","source_codes":{},"trigger":"attacked","trigger_start":0,"type":"ASSAULT"}"""

# One batch of events made by the server itself: row n gets a hotspot (70%) or a place anywhere, a day, an id.
LOAD = """
WITH spots AS (
  SELECT * FROM unnest(CAST(:slat AS float8[]), CAST(:slon AS float8[])) WITH ORDINALITY AS s(lat, lon, k)),
raw AS (
  SELECT n, random() < 0.7 AS hot, 1 + floor(random() * CAST(:hotspots AS int))::int AS k,
         random() AS u1, random() AS u2, random() AS u3, random() AS u4,
         (CAST(:first AS date) + floor(random() * CAST(:days AS int))::int) AS day
  FROM generate_series(CAST(:start AS bigint), CAST(:stop AS bigint) - 1) AS n),
ev AS (
  SELECT n, day,
         CASE WHEN hot THEN s.lat + 0.25 * sqrt(-2 * ln(u1 + 1e-12)) * cos(2 * pi() * u2)
              ELSE CAST(:lat0 AS float8) + u3 * (CAST(:lat1 AS float8) - CAST(:lat0 AS float8)) END AS lat,
         CASE WHEN hot THEN s.lon + 0.25 * sqrt(-2 * ln(u1 + 1e-12)) * sin(2 * pi() * u2)
              ELSE CAST(:lon0 AS float8) + u4 * (CAST(:lon1 AS float8) - CAST(:lon0 AS float8)) END AS lon
  FROM raw JOIN spots s ON s.k = raw.k)
INSERT INTO events (id, source, type, modes, actor_names, negated, hypothetical, country, lat, lon, precision,
                    date_start, date_end, date_kind, sentence, confidence, digest, record, created_at, updated_at)
SELECT 'bench-' || n, 'bench', 'ASSAULT', '', '', false, false, 'IRQ', lat, lon, 'city',
       to_char(day, 'YYYY-MM-DD'), to_char(day, 'YYYY-MM-DD'), 'exact', 'Synthetic event.', 0.6, md5(n::text),
       jsonb_set(jsonb_set(jsonb_set(jsonb_set(jsonb_set(CAST(:template AS jsonb),
         '{id}', to_jsonb('bench-' || n)), '{location,lat}', to_jsonb(lat)), '{location,lon}', to_jsonb(lon)),
         '{date,start}', to_jsonb(to_char(day, 'YYYY-MM-DD'))), '{date,end}', to_jsonb(to_char(day, 'YYYY-MM-DD'))
       )::json, now(), now()
FROM ev
"""


def hotspots(rng: random.Random) -> list[tuple[float, float]]:
    return [(rng.uniform(*LAT), rng.uniform(*LON)) for _ in range(HOTSPOTS)]


def load(store, events: int, spots: list[tuple[float, float]]) -> float:
    started = time.perf_counter()
    for start in range(0, events, BATCH):
        stop = min(events, start + BATCH)
        with store.begin() as conn:
            conn.execute(sa.text(LOAD), {
                "slat": [s[0] for s in spots], "slon": [s[1] for s in spots], "hotspots": len(spots),
                "first": FIRST_DAY.isoformat(), "days": DAYS, "start": start, "stop": stop,
                "lat0": LAT[0], "lat1": LAT[1], "lon0": LON[0], "lon1": LON[1], "template": TEMPLATE})
        print(f"  loaded {stop:,} events ({time.perf_counter() - started:.0f} s)", flush=True)
    with store.begin() as conn:
        conn.execute(sa.text("ANALYZE events"))
    return time.perf_counter() - started


class Capture:
    """The last SELECT on events the engine sent, with its parameters (to EXPLAIN what events_near ran)."""

    def __init__(self, engine) -> None:
        self.statement, self.parameters = None, None
        sa.event.listen(engine, "before_cursor_execute", self)

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM events" in statement:
            self.statement, self.parameters = statement, parameters


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=os.environ.get("LEGATION_TEST_PG_URL"),
                        help="a superuser URL of the PostgreSQL server (default: LEGATION_TEST_PG_URL)")
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--sites", type=int, default=300)
    parser.add_argument("--km", type=float, default=25.0)
    parser.add_argument("--days", type=int, default=30, help="the window: the last N days before the last day")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database (its name is printed)")
    parser.add_argument("--reuse", metavar="NAME", help="time an existing scratch database; load nothing")
    parser.add_argument("--seed", type=int, default=22)
    args = parser.parse_args()
    if not args.url:
        parser.error("give --url or set LEGATION_TEST_PG_URL")

    rng = random.Random(args.seed)
    spots = hotspots(rng)
    name = args.reuse or f"legation_bench_postgis_{os.getpid()}"
    admin = sa.create_engine(args.url, isolation_level="AUTOCOMMIT")
    if not args.reuse:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(args.url).set(database=name).render_as_string(hide_password=False)
    store = open_store(url)
    try:
        if not args.reuse:
            print(f"loading {args.events:,} synthetic events into {name} ...", flush=True)
            seconds = load(store, args.events, spots)
            print(f"load: {seconds:.0f} s ({args.events / seconds:,.0f} events/s, indexes maintained)")
        with store.connect() as conn:
            total = conn.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
            size = conn.execute(sa.text("SELECT pg_size_pretty(pg_total_relation_size('events'))")).scalar_one()
            indexes = conn.execute(sa.text("SELECT indexname, pg_size_pretty(pg_relation_size(indexname::regclass)) "
                                           "FROM pg_indexes WHERE tablename = 'events' ORDER BY 1")).all()
        print(f"events: {total:,} rows, {size} with indexes")
        for index, isize in indexes:
            print(f"  {index}: {isize}")

        since = (FIRST_DAY + dt.timedelta(days=DAYS - args.days)).isoformat()
        sites = [(s[0] + rng.gauss(0, 0.05), s[1] + rng.gauss(0, 0.05)) if i % 2 == 0 else
                 (rng.uniform(*LAT), rng.uniform(*LON))
                 for i, s in enumerate(rng.choice(spots) for _ in range(args.sites))]
        capture = Capture(store.engine)
        timings, found, busiest = [], [], (-1, None, None)
        with store.connect() as conn:
            events_near(conn, *sites[0], args.km, since=since)  # warm the connection and the cache's first pages
            for lat, lon in sites:
                started = time.perf_counter()
                near = events_near(conn, lat, lon, args.km, since=since)
                timings.append((time.perf_counter() - started) * 1000)
                found.append(len(near))
                if len(near) > busiest[0]:
                    busiest = (len(near), capture.statement, capture.parameters)
            timings.sort()
            p = lambda q: timings[min(len(timings) - 1, int(q * len(timings)))]  # noqa: E731
            print(f"\nevents_near(km={args.km:g}, since={since}) over {len(sites)} sites, {total:,} events:")
            print(f"  p50 {p(0.50):.1f} ms   p99 {p(0.99):.1f} ms   max {timings[-1]:.1f} ms   "
                  f"mean {statistics.fmean(timings):.1f} ms")
            print(f"  events found per site: median {statistics.median(found):.0f}, max {max(found)}")
            print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the busiest site's query ({busiest[0]} events):")
            plan = conn.exec_driver_sql("EXPLAIN (ANALYZE, BUFFERS) " + busiest[1], busiest[2]).scalars().all()
            print("\n".join("  " + line for line in plan))
    finally:
        store.close()
        if not args.keep:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        else:
            print(f"\nkept database {name} (drop it with DROP DATABASE \"{name}\")")
        admin.dispose()
    return 0


if __name__ == "__main__":
    from legation.store.audit import acting_as

    with acting_as("bench"):  # the audit log names who wrote
        sys.exit(main())
