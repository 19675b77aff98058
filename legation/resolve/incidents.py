"""One incident from many reports: records of the same real event become one incident.

Two records are of one incident when all of these hold (`same_incident`, which also says why):
  - the same event type, neither negated nor hypothetical;
  - their dates agree (exact days at most a day apart, otherwise overlapping windows);
  - their places agree for their precision (site/city within 30-40 km, admin1 within 200 km; a country-level or
    unlocated record only joins when it also shares a named actor on exactly the same day), and never farther
    apart than both records' radii allow when a feed gives them (ACLED geo_precision 2: 25 km around the town);
  - they are not two rows of one curated dataset (ACLED, UCDP: its coders already made them two events);
  - their actors could be the same (the same actor, a member and its umbrella, or unnamed on one side) and so
    could their targets.
A record joins an incident only when it agrees with every record already in it (no chains of near-misses), and
never when an analyst split it from one of them (`cannot_link`: pairs of event ids).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field, replace
from typing import Iterable

from legation.domain.ids import stable_id
from legation.domain.records import Event, Party, Place
from legation.resolve.actors import resolve_party
from legation.resolve.places import find_places
from legation.resolve.matching import (date_window, dates_compatible, parties_compatible, places_compatible,
                                       radius_km, recipients_compatible)

MAX_WINDOW_DAYS = 45  # a record dated only "this year" is compared with its first weeks' incidents, no more
PRECISION_RANK = {"site": 0, "city": 1, "admin1": 2, "country": 3, "region": 4, None: 5}
# Datasets whose coders de-duplicate: each of their rows is one real event, never the same as another row of theirs.
DISTINCT_ROWS = frozenset({"acled", "ucdp"})
CLUSTER_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "PROTECT", "CLAIM", "THREATEN", "ADVISORY",
                           "SANCTION"})


@dataclass(eq=False)  # compared and hashed by identity: two incidents are never "equal"
class Incident:
    id: str
    type: str
    events: list[Event] = field(default_factory=list)
    rules: dict[str, str] = field(default_factory=dict)  # event id → why it joined ("first report" for the seed)

    @property
    def event_ids(self) -> list[str]:
        return [e.id for e in self.events]

    @property
    def sources(self) -> list[str]:
        return sorted({e.report_id or e.doc for e in self.events if e.report_id or e.doc})

    def summary(self) -> dict:
        """Where and when, from its most precise record; the span of dates over all."""
        best = min(self.events, key=lambda e: (PRECISION_RANK.get(e.location.precision, 5), e.id))
        starts = [e.date.start[:10] for e in self.events if e.date.start]
        ends = [(e.date.end or e.date.start)[:10] for e in self.events if e.date.end or e.date.start]
        actors = sorted({p.name or p.text for e in self.events for p in e.actors})
        return {"id": self.id, "type": self.type, "events": len(self.events), "sources": len(self.sources),
                "date_start": min(starts) if starts else None, "date_end": max(ends) if ends else None,
                "place": best.location.name, "country": best.location.country, "lat": best.location.lat,
                "lon": best.location.lon, "precision": best.location.precision, "actors": actors}


def clusterable(event: Event) -> bool:
    return event.type in CLUSTER_TYPES and not event.negated and not event.hypothetical


def same_incident(a: Event, b: Event) -> str | None:
    """Why `a` and `b` report the same real event, or None when they do not (see the module docstring)."""
    if a.type != b.type or not clusterable(a) or not clusterable(b):
        return None
    if a.source == b.source and a.source in DISTINCT_ROWS and a.id != b.id:
        return None  # two rows of one curated dataset: its coders already made them two events
    date = dates_compatible(a, b)  # the cheap tests first: most pairs fail on date or place
    if date is None:
        return None
    place = places_compatible(a.location, b.location, radius_km(a), radius_km(b))
    if place is None:
        return None
    actors = parties_compatible(a.actors, b.actors)
    if actors is None:
        return None
    targets = recipients_compatible(a.recipients, b.recipients)
    if targets is None:
        return None
    coarse = {PRECISION_RANK.get(a.location.precision, 5), PRECISION_RANK.get(b.location.precision, 5)}
    if max(coarse) >= PRECISION_RANK["country"] and not (date == "same day" and actors.startswith("same actor")):
        return None
    return f"same type {a.type}; {date}; {place}; actors: {actors}; targets: {targets}"


def cluster(events: Iterable[Event], cannot_link: Iterable[tuple[str, str]] = ()) -> list[Incident]:
    """Group records into incidents; most precise and earliest records seed incidents first (deterministic)."""
    return assign(events, [], cannot_link)


def assign(events: Iterable[Event], existing: list[Incident], cannot_link: Iterable[tuple[str, str]] = ()
           ) -> list[Incident]:
    """Add records to incidents: each joins the first incident it wholly agrees with, else opens one. `existing`
    incidents (their records resolved with `resolved`) are candidates like the new ones. Returns the incidents
    that gained a record: the existing ones among them, then the new ones in the order they opened."""
    forbidden = {frozenset(pair) for pair in cannot_link}
    ordered = sorted((resolved(e) for e in events if clusterable(e)),
                     key=lambda e: (e.type, PRECISION_RANK.get(e.location.precision, 5), e.date.start or "9999", e.id))
    opened: list[Incident] = []
    gained: dict[int, Incident] = {}
    by_day: dict[tuple[str, dt.date], list[Incident]] = {}  # blocking: only incidents on nearby days are compared
    for incident in existing:
        for event in incident.events:
            _file(by_day, incident, event)
    for event in ordered:
        candidates = list(dict.fromkeys(i for d in _days(event) for i in by_day.get((event.type, d), ())))
        home, why = _find_home(event, candidates, forbidden)
        if home is None:
            home = Incident(id=stable_id("incident", event.id), type=event.type)
            opened.append(home)
            why = "first report"
        else:
            gained[id(home)] = home
        home.events.append(event)
        home.rules[event.id] = why
        _file(by_day, home, event)
    new = {id(i) for i in opened}
    return [i for key, i in gained.items() if key not in new] + opened


def _file(by_day: dict[tuple[str, dt.date], list[Incident]], incident: Incident, event: Event) -> None:
    for day in _days(event):
        bucket = by_day.setdefault((event.type, day), [])
        if incident not in bucket:
            bucket.append(incident)


def resolved(event: Event) -> Event:
    """Feed rows arrive with parties as written ("Military Forces of the United States (2021-)"): resolve those
    without an id, so they compare with the extractor's resolved ones; an unlocated record takes the place its
    sentence names. A copy: the stored record is untouched."""
    hint = event.location.country
    if event.location.lat is None or event.location.precision in ("country", "region"):
        event = replace(event, location=_place_in_sentence(event) or event.location)
    if all(p.id for p in (*event.actors, *event.recipients)):
        return event
    return replace(event, actors=[_party(p, hint) for p in event.actors],
                   recipients=[_party(p, hint) for p in event.recipients])


def _place_in_sentence(event: Event) -> Place | None:
    """An unlocated (or only country-located) record whose sentence names a base or a town in that country ("Two
    drones attacked Ain al-Asad air base"): the most precise place named there, for matching only."""
    country = event.location.country
    found = [p for _, _, p in find_places(event.evidence.sentence or "", country_hint=country)
             if p.precision in ("site", "city", "admin1") and (country is None or p.country == country)]
    return min(found, key=lambda p: PRECISION_RANK[p.precision]) if found else None


def _party(party: Party, hint: str | None) -> Party:
    if party.id:
        return party
    resolved = _resolve_cached(party.text or party.name or "", hint)
    return resolved if resolved.kind != "unknown" or party.kind == "unknown" else party


@functools.lru_cache(maxsize=20000)
def _resolve_cached(text: str, hint: str | None) -> Party:
    return resolve_party(text, country_hint=hint)


def _days(event: Event) -> list[dt.date]:
    """The days an event may have happened on, a day either side, at most MAX_WINDOW_DAYS of them."""
    window = date_window(event)
    if window is None:
        return [dt.date.min]
    start, end = window[0] - dt.timedelta(days=1), window[1] + dt.timedelta(days=1)
    span = min((end - start).days, MAX_WINDOW_DAYS)
    return [start + dt.timedelta(days=n) for n in range(span + 1)]


def _find_home(event: Event, incidents: list[Incident], forbidden: set[frozenset[str]]
               ) -> tuple[Incident | None, str | None]:
    for incident in incidents:
        if incident.type != event.type:
            continue
        if forbidden and any(frozenset((event.id, other.id)) in forbidden for other in incident.events):
            continue
        first = same_incident(event, incident.events[0])  # most incidents fail here: look no further
        if first and all(same_incident(event, other) for other in incident.events[1:]):
            return incident, first
    return None, None
