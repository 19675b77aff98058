"""Example data for the web tests and the benchmark: the shipped example sites, events dated relative to today,
assessments, and one user per role (all written here for the tests; no shared data)."""

from __future__ import annotations

import datetime as dt
import random

from legation.domain import Event, Evidence, Party, Place, TimeSpan
from legation.domain.users import User

PASSWORD = "correct-horse-battery"
USERS = (
    User("ops1", "operations-officer"),
    User("eu-liaison", "liaison", organisation="EUU"),
    User("iq-moi", "commander"),  # acts for the Ministry of Interior in the example chain of command
    User("dpd-chief", "unit-commander", unit="iq-moi-dpd"),
    User("analyst1", "analyst"),
)
# site id → (level, probability, driver text) for the seeded assessments
LEVELS = {
    "usa-emb-baghdad": (5, 0.42, "5 attacks within 5 km in the last 7 days, 4 times the usual rate"),
    "gbr-emb-baghdad": (3, 0.12, "a protest outside the embassy 3 days ago"),
    "euu-del-baghdad": (2, 0.03, "no violent event within 5 km for 60 days"),
    "ain-al-asad": (6, 0.61, "drone attacks on the base on 3 of the last 7 days"),
}


def today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def event(n: int, kind: str, lat: float, lon: float, day: dt.date, sentence: str, mode=(), place="Baghdad"
          ) -> Event:
    return Event(doc=f"seed-{n}", type=kind, mode=list(mode), source="seed",
                 actors=[Party(text="unknown gunmen", kind="armed_group")],
                 location=Place(text=place, name=place, country="IRQ", lat=lat, lon=lon, precision="city"),
                 date=TimeSpan(start=day.isoformat(), end=day.isoformat(), kind="exact", precision="day"),
                 evidence=Evidence(sentence=sentence, start=0, end=len(sentence)), confidence=0.8)


def example_events(end: dt.date) -> list[Event]:
    """A surge of rocket attacks near the US embassy in the last week, a protest by the British embassy, drones on
    Ain al-Asad, and a quiet background over 90 days."""
    out = [event(i, "ASSAULT", 33.30 + i * 0.003, 44.39 + i * 0.002, end - dt.timedelta(days=i),
                 f"Rockets struck near the International Zone ({i}).", ["heavy-weapons"]) for i in range(5)]
    out.append(event(10, "PROTEST", 33.306, 44.388, end - dt.timedelta(days=3),
                     "Protesters gathered outside the British embassy.", ["demo"]))
    out += [event(20 + i, "ASSAULT", 33.80, 42.44, end - dt.timedelta(days=i * 2),
                  f"Drones attacked Ain al-Asad air base ({i}).", ["drone"], "Ain al-Asad") for i in range(3)]
    out.append(event(30, "ASSAULT", 33.31, 44.40, end - dt.timedelta(days=70), "A roadside bomb hit a convoy.",
                     ["explosives"]))
    return out


def seed(store, end: dt.date | None = None) -> dict:
    """Sites, events, assessments and users in `store`; returns what a test needs to know."""
    from legation.ingest.sites import example_sites_path, read_sites
    from legation.store.events import upsert_events
    from legation.store.sites import upsert_sites
    from legation.store.users import add_user

    end = end or today()
    sites = read_sites(example_sites_path()).records
    with store.begin() as conn:
        upsert_sites(conn, sites)
        upsert_events(conn, example_events(end))
        for user in USERS:
            add_user(conn, user, password=PASSWORD)
        record_levels(conn, {s.id: s for s in sites}, end)
    return {"end": end, "sites": sites}


def record_levels(conn, sites: dict, end: dt.date, levels: dict | None = None) -> None:
    """Store assessments (when the threat model is installed): today's levels, and a lower one a week before."""
    try:
        from legation.domain.assessment import LEVELS as NAMES
        from legation.domain.assessment import Assessment, Driver
        from legation.store.assessments import record_assessments
    except ImportError:
        return
    found = []
    for site_id, (level, probability, why) in (levels or LEVELS).items():
        site = sites[site_id]
        for at, lv in (((end - dt.timedelta(days=7)).isoformat(), max(1, level - 2)), (end.isoformat(), level)):
            found.append(Assessment(site_id=site_id, name=site.name, level=lv, level_name=NAMES[lv],
                                    probability=probability, drivers=[Driver("nearby", why, 0.8)], model="seed",
                                    at=at, kind=site.kind, sending_state=site.sending_state, lat=site.lat,
                                    lon=site.lon, radius_km=site.radius_km))
    record_assessments(conn, found)


def bulk(store, n_sites: int, n_events: int, end: dt.date | None = None, seed_value: int = 7) -> None:
    """Many sites and events across Iraq and its neighbours (the benchmark's load), plus the users."""
    from legation.domain import Site
    from legation.store.events import upsert_events
    from legation.store.sites import upsert_sites
    from legation.store.users import add_user

    end = end or today()
    rng = random.Random(seed_value)
    kinds = ("embassy", "consulate", "mission-office", "un-compound", "military-base", "ngo-office")
    states = ("USA", "GBR", "DEU", "FRA", "EUU", "UNO", "TUR", "JOR")
    sites = [Site(id=f"site-{i:05d}", name=f"Site {i}", kind=rng.choice(kinds), sending_state=rng.choice(states),
                  host_country="IRQ", city="Baghdad", lat=rng.uniform(29.5, 37.0), lon=rng.uniform(39.0, 48.5))
             for i in range(n_sites)]
    types = (("ASSAULT", ["drone"]), ("PROTEST", ["demo"]), ("THREATEN", []), ("MOBILIZE", ["troops"]),
             ("PROTECT", ["guard"]))
    events = []
    for i in range(n_events):
        kind, mode = rng.choice(types)
        events.append(event(100_000 + i, kind, rng.uniform(29.5, 37.0), rng.uniform(39.0, 48.5),
                            end - dt.timedelta(days=rng.randrange(90)), f"Bench event {i}.", mode))
    with store.begin() as conn:
        upsert_sites(conn, sites)
        upsert_events(conn, events)
        for user in USERS:
            add_user(conn, user, password=PASSWORD)
        levels = {s.id: (rng.randint(1, 6), rng.random(), "bench") for s in sites[: n_sites // 2]}
        record_levels(conn, {s.id: s for s in sites}, end, levels)
