"""Benchmark of `legation stix export`: 10,000 synthetic events in a temporary SQLite store.

Prints, for N events (default 10,000) and for N/4 (to show the growth is linear):
- the export as the command does it (read the events and sites, build the bundle, check its shape, serialise it
  indented), in events/s;
- beside it, `json.dumps(bundle, indent=2)` over the same dicts in the same run: the ratio says what building
  and checking cost on top of a plain serialisation of the result.
Then stix2-validator in strict mode over a 1,000-event bundle, with its result and time.

    .venv/bin/python bench/stix.py [--events 10000] [--validate 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

from shared import timed

from legation.domain import Event, Evidence, Party, Place, Site, TimeSpan
from legation.interop.stix import bundle, check, to_json, validate
from legation.store import open_store
from legation.store.audit import acting_as
from legation.store.events import query_events, upsert_events
from legation.store.sites import list_sites, upsert_sites

KINDS = ("armed_group", "armed_group", "armed_group", "military", "police", "civilians", "unknown", "state",
         "government", "person", "party", "media")
TYPES = (("ASSAULT", ["drone"]), ("ASSAULT", ["explosives"]), ("ASSAULT", ["firearms"]), ("PROTEST", ["riot"]),
         ("PROTEST", ["demo"]), ("ACCUSE", ["disapprove"]), ("THREATEN", ["violence"]), ("CONSULT", ["visit"]))


def synthetic(n: int, seed: int = 7) -> list[Event]:
    """Events over Iraq: 400 parties of every kind (some state-backed), 300 places, 3 years of dates."""
    rng = random.Random(seed)
    parties = [Party(text=f"Party {i}", kind=KINDS[i % len(KINDS)], country="IRQ" if i % 3 else None,
                     sponsor="IRN" if KINDS[i % len(KINDS)] == "armed_group" and i % 4 == 0 else None)
               for i in range(400)]
    places = [Place(name=f"Place {i}", country="IRQ", lat=round(rng.uniform(29.5, 37.0), 4),
                    lon=round(rng.uniform(39.0, 48.0), 4), precision=rng.choice(("city", "site", "admin1")))
              for i in range(300)]
    events = []
    for i in range(n):
        event_type, modes = rng.choice(TYPES)
        day = f"{2021 + i % 3}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        events.append(Event(doc=f"bench-{i}", type=event_type, mode=list(modes),
                            actors=[rng.choice(parties)], recipients=[rng.choice(parties)] if i % 5 else [],
                            location=rng.choice(places), date=TimeSpan(start=day, end=day, precision="day",
                                                                       kind="exact"),
                            evidence=Evidence(sentence=f"Synthetic report number {i} of an event in Iraq.",
                                              start=0, end=45), confidence=round(rng.uniform(0.3, 1.0), 2),
                            claimed_by=["Party 0"] if i % 10 == 0 else []))
    return events


def sites(n: int = 20) -> list[Site]:
    return [Site(id=f"site-{i}", name=f"Embassy {i}", kind="embassy", sending_state="USA" if i % 2 else "EUU",
                 host_country="IRQ", lat=33.3 + i / 100, lon=44.4, city="Baghdad") for i in range(n)]


def export(store) -> tuple[dict, str]:
    """What `legation stix export` does between opening the store and printing."""
    with store.connect() as conn:
        events = query_events(conn)
        places = list_sites(conn)
    data = bundle(events, places)
    errors = check(data)
    if errors:
        raise SystemExit(f"shape check failed: {errors[0]}")
    return data, to_json(data, pretty=True)


def measure(n: int, workdir: Path) -> None:
    store = open_store(workdir / f"bench-{n}.db")
    with store.begin() as conn, acting_as("bench"):  # the audit log names who wrote
        upsert_events(conn, synthetic(n))
        upsert_sites(conn, sites())
    export(store)  # warm: imports, caches
    (data, text), took, cpu = timed(lambda: export(store))
    plain, baseline, baseline_cpu = timed(lambda: json.dumps(data, indent=2))
    store.close()
    print(f"{n:>7,} events → {len(data['objects']):>7,} objects, {len(text) / 1e6:5.1f} MB: export {took:5.2f} s "
          f"wall, {cpu:5.2f} s CPU = {n / took:>7,.0f} events/s ({n / cpu:>7,.0f} per CPU second); "
          f"json.dumps(indent=2) of the same dicts {baseline:5.2f} s wall, {baseline_cpu:5.2f} s CPU; "
          f"export / json.dumps = {took / baseline:4.1f}× wall, {cpu / baseline_cpu:4.1f}× CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--validate", type=int, default=1_000, help="events in the bundle given to the validator")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.events // 4, args.events):
            measure(n, Path(tmp))
    data = bundle(synthetic(args.validate), sites())
    text = to_json(data)
    errors, took, cpu = timed(lambda: validate(text))
    verdict = "valid" if not errors else f"{len(errors)} errors, first: {errors[0]}"
    print(f"stix2-validator, strict, {args.validate:,} events ({len(data['objects']):,} objects): {verdict} "
          f"({took:.1f} s wall, {cpu:.1f} s CPU)")


if __name__ == "__main__":
    main()
