"""Benchmark of the reaction to one new attack (`legation.act.alerts.after_ingest`) on a store of ~100 sites and
100,000 events: the full recompute (every site over every event of the window) against the incremental one (only
the sites the new event can change, over only the events within their reach), in the same run, on the same store.

Each round stores one new attack near a site (a report's batch, as `legation.act.intake.receive` stores it) and
times `after_ingest` on it, alternating the two paths on copies of one store; both leave the same statuses and level
changes (the test tests/act/test_incremental_assess.py holds that). Times are CPU seconds of this process and wall
seconds, median of the rounds.

    .venv/bin/python bench/after_ingest.py [--events 100000] [--sites 100] [--rounds 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import tempfile
from pathlib import Path

import sqlalchemy as sa
from shared import fill_events, timed

from legation.domain.records import Event, Evidence, Party, Place, TimeSpan
from legation.domain.sites import Site
from legation.store import open_store
from legation.store.assessments import level_changes, site_status
from legation.store.audit import acting_as
from legation.store.events import upsert_events
from legation.store.sites import upsert_sites

# (country, lat, lon, spread in degrees, share of the events)
HUBS = [("IRQ", 33.31, 44.37, 0.3, 0.25), ("IRQ", 36.19, 44.01, 0.2, 0.10), ("IRQ", 30.51, 47.78, 0.3, 0.05),
        ("SYR", 33.51, 36.29, 0.3, 0.15), ("SYR", 35.33, 40.14, 0.5, 0.10), ("LBN", 33.89, 35.50, 0.15, 0.10),
        ("JOR", 31.95, 35.93, 0.2, 0.05), ("YEM", 15.37, 44.19, 0.4, 0.10), ("AFG", 34.53, 69.17, 0.3, 0.10)]
STATES = ["USA", "GBR", "FRA", "DEU", "TUR", "JPN", "ITA", "CAN", "NLD", "UNO"]
TYPES = [("ASSAULT", ["drone"]), ("ASSAULT", ["heavy-weapons"]), ("ASSAULT", ["firearms"]), ("PROTEST", ["demo"]),
         ("MOBILIZE", ["troops"]), ("THREATEN", ["violence"]), ("PROTECT", ["cordon"])]
ACTORS = ["Islamic Resistance in Iraq", "Kataib Hezbollah", "protesters", "unknown gunmen", "security forces"]
FIRST_DAY, DAYS = dt.date(2022, 1, 1), 730


def synthetic_sites(n: int, seed: int = 3) -> list[Site]:
    """n sites (embassies, 5 km; bases, 25 km) in the hubs' cities, spread over the hubs' countries."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        country, lat, lon, spread, _ = HUBS[i % len(HUBS)]
        base = i % 7 == 0
        out.append(Site(id=f"site-{i:03d}", name=f"Site {i}", kind="military-base" if base else "embassy",
                        sending_state=STATES[i % len(STATES)], host_country=country,
                        lat=round(lat + rng.gauss(0, spread / 3), 4), lon=round(lon + rng.gauss(0, spread / 3), 4),
                        radius_km=25.0 if base else 5.0))
    return out


def synthetic_events(n: int, seed: int = 7, first: dt.date = FIRST_DAY, days: int = DAYS):
    """n events around the hubs over `days` days from `first`, of the feeds' usual types."""
    rng = random.Random(seed)
    weights = [h[4] for h in HUBS]
    for i in range(n):
        country, lat, lon, spread, _ = rng.choices(HUBS, weights)[0]
        kind, modes = rng.choice(TYPES)
        day = (first + dt.timedelta(days=rng.randrange(days))).isoformat()
        yield Event(doc=f"bench-{seed}-{i // 10}", type=kind, mode=modes, source=rng.choice(["acled", "ucdp"]),
                    actors=[Party(text=rng.choice(ACTORS), kind="armed_group")],
                    recipients=[Party(text="embassy staff", kind="state", country=rng.choice(STATES))]
                    if rng.random() < 0.05 else [],
                    location=Place(text="near", country=country, lat=round(lat + rng.gauss(0, spread), 5),
                                   lon=round(lon + rng.gauss(0, spread), 5),
                                   precision=rng.choice(["site", "city", "city"])),
                    date=TimeSpan(start=day, end=day, precision="day", kind="exact"),
                    evidence=Evidence(sentence=f"Report {i} of a {kind.lower()}.", row=i), confidence=0.8)


def prepare(db: str, n_events: int, n_sites: int) -> None:
    store = open_store(db)
    with store.begin() as conn, acting_as("bench"):
        upsert_sites(conn, synthetic_sites(n_sites))
    fill_events(store, synthetic_events(n_events), n_events)
    store.close()


def new_attack(site: Site, day: str, i: int) -> Event:
    return Event(doc=f"bench-new-{i}", type="ASSAULT", mode=["drone"], source="article",
                 actors=[Party(text="unknown gunmen", kind="armed_group")],
                 location=Place(text="near the site", country=site.host_country, lat=site.lat + 0.01,
                                lon=site.lon + 0.01, precision="site"),
                 date=TimeSpan(start=day, end=day, precision="day", kind="exact"),
                 evidence=Evidence(sentence=f"A drone struck near {site.name} ({i}).", row=i), confidence=0.9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--sites", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--days", type=int, default=1,
                        help="the new attacks are dated in turn on each of the last N days (reports of the day before)")
    parser.add_argument("--db", help="a store to build once and keep (default: a temporary one)")
    args = parser.parse_args()

    from legation.act.alerts import after_ingest

    work = Path(tempfile.mkdtemp(prefix="legation-after-ingest-"))
    db = args.db or str(work / "bench.db")
    prepare(db, args.events, args.sites)
    sites = synthetic_sites(args.sites)
    last = FIRST_DAY + dt.timedelta(days=DAYS - 1)
    days = [(last - dt.timedelta(days=k)).isoformat() for k in range(args.days)]
    rng = random.Random(11)
    times: dict[str, list[tuple[float, float]]] = {"full": [], "incremental": []}
    touched: dict[str, list[int]] = {"full": [], "incremental": []}
    try:
        copies = {}
        for path in ("full", "incremental"):
            copies[path] = str(work / f"{path}.db")
            shutil.copyfile(db, copies[path])
        stores = {path: open_store(copies[path]) for path in copies}
        for path, store in stores.items():  # the first reaction of a day assesses every site: not timed
            for k, day in enumerate(days):
                with acting_as("bench"):
                    with store.begin() as conn:
                        upsert_events(conn, [new_attack(sites[0], day, -1 - k)])
                    after_ingest(store, [new_attack(sites[0], day, -1 - k)], deliver=False,
                                 incremental=path == "incremental")
        for i in range(args.rounds):
            site, day = rng.choice(sites), days[i % len(days)]
            for path, store in stores.items():
                attack = new_attack(site, day, i)
                with acting_as("bench"):
                    with store.begin() as conn:
                        upsert_events(conn, [attack])
                    found: dict = {}
                    _, wall, cpu = timed(lambda: after_ingest(store, [attack], deliver=False, found=found,  # noqa: B023
                                                              incremental=path == "incremental"))  # noqa: B023
                times[path].append((wall, cpu))
                touched[path].append(len(found.get("assessed", [])))
        statuses = {}
        for path, store in stores.items():
            with store.connect() as conn:
                statuses[path] = {r.site_id: (r.at, r.level, r.record) for r in conn.execute(sa.select(site_status))}
                statuses[path + " changes"] = [c.to_dict() for c in level_changes(conn)]
            store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"after_ingest of one new attack: {args.sites} sites, {args.events:,} events, {args.rounds} rounds, "
          f"dated in turn on the last {args.days} day(s) (median; {os.cpu_count()} cores)")
    for path in ("full", "incremental"):
        wall = statistics.median(t[0] for t in times[path])
        cpu = statistics.median(t[1] for t in times[path])
        print(f"  {path:<12} wall {wall * 1000:8.1f} ms   cpu {cpu * 1000:8.1f} ms   sites re-assessed "
              f"{statistics.median(touched[path]):.0f}")
    same = (statuses["full"] == statuses["incremental"]
            and statuses["full changes"] == statuses["incremental changes"])
    print(f"  same statuses and level changes on both: {'yes' if same else 'NO'}")
    full = statistics.median(t[1] for t in times["full"])
    inc = statistics.median(t[1] for t in times["incremental"])
    print(f"  ratio full / incremental (cpu): {full / inc:.1f}x")


if __name__ == "__main__":
    main()
