"""Resolver figures: place and actor table accuracy, mentions per second, and incident clustering on many records.

    .venv/bin/python bench/resolve.py [N_RECORDS]
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from legation.domain import Event, Evidence, Party, Place, TimeSpan  # noqa: E402
from legation.domain.geo import haversine_km  # noqa: E402
from legation.resolve.actors import resolve_party  # noqa: E402
from legation.resolve.incidents import cluster  # noqa: E402
from legation.resolve.places import resolve_place  # noqa: E402
from tests.resolve.test_actors_table import TABLE as ACTORS  # noqa: E402
from tests.resolve.test_actors_table import WHEN
from tests.resolve.test_places_table import TABLE as PLACES  # noqa: E402


def places() -> None:
    start = time.perf_counter()
    resolve_place("Erbil")
    print(f"gazetteer load: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    hits = sum(1 for text, hint, lat, lon in PLACES
               if (p := resolve_place(text, country_hint=hint)).lat is not None
               and haversine_km(p.lat, p.lon, lat, lon) <= 25)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    for text, hint, _, _ in PLACES:
        resolve_place(text, country_hint=hint)
    warm = time.perf_counter() - start
    print(f"places: {hits}/{len(PLACES)} within 25 km ({hits / len(PLACES):.1%}); "
          f"{len(PLACES) / elapsed:.0f} mentions/s cold (per-country fuzzy tables built), "
          f"{len(PLACES) / warm:.0f} warm")


def actors() -> None:
    start = time.perf_counter()
    hits = 0
    for text, hint, expected in ACTORS:
        party = resolve_party(text, when=WHEN, country_hint=hint)
        hits += (party.id or (party.kind, party.country, party.sponsor)) == expected
    elapsed = time.perf_counter() - start
    print(f"actors: {hits}/{len(ACTORS)} right ({hits / len(ACTORS):.1%}); {len(ACTORS) / elapsed:.0f} mentions/s")


def clustering(n: int) -> None:
    records = _records(n)
    start = time.perf_counter()
    incidents = cluster(records)
    elapsed = time.perf_counter() - start
    print(f"clustering: {n} records → {len(incidents)} incidents in {elapsed:.2f} s ({n / elapsed:.0f} records/s)")


def _records(n: int) -> list[Event]:
    """Drone attacks on four bases on random days of 2023, by unnamed Iran-backed militias."""
    rng = random.Random(7)
    bases = [("Ain al-Asad Air Base", 33.7856, 42.4412), ("Harir Air Base", 36.5367, 44.3392),
             ("al-Tanf Garrison", 33.494, 38.642), ("Erbil Air Base", 36.2376, 43.9632)]
    records = []
    for k in range(n):
        name, lat, lon = rng.choice(bases)
        day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        records.append(Event(doc=f"d{k}", type="ASSAULT", mode=["drone"],
                             actors=[Party(text="militias", kind="armed_group", sponsor="IRN")],
                             recipients=[Party(text="US forces", name="United States Armed Forces",
                                               id="usa-military", kind="military", country="USA")],
                             location=Place(name=name, country="IRQ", lat=lat, lon=lon, precision="site"),
                             date=TimeSpan(start=day, end=day, kind="exact"),
                             evidence=Evidence(sentence=f"attack {k}", start=0, end=1)))
    return records


def store_rebuild(n: int) -> None:
    """Rebuild incidents over n stored records (SQLite, temporary file)."""
    import tempfile

    from legation.store import open_store
    from legation.store.events import upsert_events
    from legation.store.incidents import rebuild_incidents

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db")
        with store.begin() as conn:
            upsert_events(conn, _records(n))
        start = time.perf_counter()
        with store.begin() as conn:
            counts = rebuild_incidents(conn)
        elapsed = time.perf_counter() - start
        store.close()
    print(f"store rebuild: {n} records → {counts['incidents']} incidents in {elapsed:.2f} s")


if __name__ == "__main__":
    from legation.store.audit import acting_as

    with acting_as("bench"):  # the audit log names who wrote
        import argparse

        parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
        parser.add_argument("n", nargs="?", type=int, default=5000, help="records to cluster (default 5000)")
        n = parser.parse_args().n
        places()
        actors()
        clustering(n)
        store_rebuild(n)
