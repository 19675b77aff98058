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

The processes that keep incidents and claim links up to date (`refresh`, `rebuild`, `update`, `attribute`, `split`)
are here too, over a store that only loads and saves (`IncidentRepo`; `legation.store.incidents` on SQL).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from legation.domain.errors import InputError, NotFound
from legation.domain.ids import stable_id
from legation.domain.records import Event, Party, Place
from legation.resolve.actors import resolve_party
from legation.resolve.attribution import LAG_DAYS, ClaimLink, link_claims
from legation.resolve.matching import (
    date_window,
    dates_compatible,
    parties_compatible,
    places_compatible,
    radius_km,
    recipients_compatible,
)
from legation.resolve.places import find_places

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


# ---- The processes: incidents and claims kept up to date over a store (`IncidentRepo`: load and save only) ----


class IncidentRepo(Protocol):
    """What the incident and claim processes need of a store: loads and saves, no decisions
    (`legation.store.incidents.IncidentStore` on SQL)."""

    def load_events(self, types: Iterable[str], lo: dt.date | None = None, hi: dt.date | None = None
                    ) -> list[Event]: ...
    def events_by_id(self, event_ids: list[str]) -> list[Event]: ...
    def unplaced(self, event_ids: list[str] | None) -> list[Event]: ...
    def members_on_days(self, lo: dt.date | None, hi: dt.date | None, undated: bool
                        ) -> list[tuple[str, str, Event]]: ...
    def cannot_links(self) -> list[tuple[str, str]]: ...
    def memberships(self) -> dict[str, str]: ...
    def existing_ids(self, incident_ids: list[str]) -> set[str]: ...
    def replace_all(self, found: list[Incident]) -> None: ...
    def save_update(self, grown: list[Incident], opened: list[Incident], members: list[dict]) -> None: ...
    def write_events(self, events: list[Event], audit_action: str) -> int: ...
    def replace_claim_links(self, links: list[ClaimLink], claim_ids: list[str] | None) -> None: ...
    def members_of(self, incident_id: str) -> list[str]: ...
    def add_splits(self, pairs: list[tuple[str, str]], incident_id: str, note: str | None) -> None: ...
    def audit(self, action: str, entity_id: str | None, after: dict) -> None: ...


def refresh(repo: IncidentRepo, event_ids: Iterable[str] | None = None) -> dict:
    """Link claims to attacks, then incidents. With `event_ids` (what an ingest just stored): only around those
    records, so the cost follows the new records, not the database (claims of their weeks, incidents of their
    days). Without: over the whole database (`legation incidents rebuild`)."""
    if event_ids is None:
        claims = attribute(repo)
        return {**rebuild(repo), **{f"claims_{k}": v for k, v in claims.items()}}
    ids = list(dict.fromkeys(event_ids))
    lo, hi, _ = _span(repo.events_by_id(ids))  # undated records can neither claim nor be claimed
    claims = attribute(repo, around=(lo, hi)) if lo is not None and hi is not None else \
        {"links": 0, "attacks_updated": 0}
    return {**update(repo, ids), **{f"claims_{k}": v for k, v in claims.items()}}


def rebuild(repo: IncidentRepo) -> dict:
    """Re-cluster every stored record of the clustered types into incidents, keeping the ids of incidents whose
    records mostly stay together. One audit entry."""
    found = cluster(repo.load_events(sorted(CLUSTER_TYPES)), repo.cannot_links())
    _keep_ids(found, repo.memberships())
    repo.replace_all(found)
    merged = sum(1 for i in found if len(i.events) > 1)
    counts = {"records": sum(len(i.events) for i in found), "incidents": len(found), "merged_incidents": merged}
    repo.audit("incidents.rebuild", None, counts)
    return counts


def update(repo: IncidentRepo, event_ids: Iterable[str] | None = None) -> dict:
    """Place the records that are in no incident yet, leaving every other incident as it is: each joins the
    incident of its days it wholly agrees with (the rule of a rebuild), else opens one. `event_ids`: only these
    (an ingest's records); None: every record not yet placed (after a feed import). One audit entry.

    Cheaper than a rebuild by far (it loads only the incidents on the new records' days), and the same as one
    while records arrive in date order; a rebuild may still merge differently where late reports fill a gap."""
    fresh = repo.unplaced(None if event_ids is None else list(event_ids))
    counts = {"records": len(fresh), "incidents": 0, "new_incidents": 0, "merged_incidents": 0}
    if not fresh:
        return counts
    existing = _incidents_of(repo.members_on_days(*_span(fresh)))
    changed = assign(fresh, existing, repo.cannot_links())
    known = {i.id for i in existing}
    opened = [i for i in changed if i.id not in known]
    grown = [i for i in changed if i.id in known]
    _unique_ids(opened, repo.existing_ids([i.id for i in opened]))
    placed = {e.id for e in fresh}
    repo.save_update(grown, opened, [{"event_id": e.id, "incident_id": i.id, "rule": i.rules[e.id]}
                                     for i in changed for e in i.events if e.id in placed])
    counts.update(incidents=len(changed), new_incidents=len(opened),
                  merged_incidents=sum(1 for i in changed if len(i.events) > 1))
    repo.audit("incidents.update", None, counts)
    return counts


def attribute(repo: IncidentRepo, around: tuple[dt.date, dt.date] | None = None) -> dict:
    """Link every stored CLAIM to the ASSAULT records it covers; those attacks get `claimed_by`.

    `around` (first and last day of new records) limits this to the claims that could cover an attack of those
    days or be new themselves (dated up to LAG_DAYS after), each with every attack it could cover."""
    if around is None:
        changed, links = link_claims(repo.load_events(("CLAIM", "ASSAULT")))
        updated = repo.write_events(changed, "attribution.link")
        repo.replace_claim_links(links, None)
        return {"links": len(links), "attacks_updated": updated}
    lo, hi = around
    claims = repo.load_events(("CLAIM",), lo, hi + dt.timedelta(days=LAG_DAYS))
    if not claims:
        return {"links": 0, "attacks_updated": 0}
    first, last, _ = _span(claims)
    assert first is not None and last is not None  # claims are loaded by their dates
    attacks = repo.load_events(("ASSAULT",), first - dt.timedelta(days=LAG_DAYS), last)
    changed, links = link_claims(claims + attacks)
    updated = repo.write_events(changed, "attribution.link")
    repo.replace_claim_links(links, [c.id for c in claims])
    return {"links": len(links), "attacks_updated": updated}


def split(repo: IncidentRepo, incident_id: str, event_ids: list[str], *, note: str | None = None) -> dict:
    """Take `event_ids` (full ids or unambiguous prefixes) out of an incident: they may never again be merged
    with the records left behind. The constraint is stored and every later rebuild honours it; incidents are
    rebuilt now."""
    members = repo.members_of(incident_id)
    if not members:
        raise NotFound(f"no incident with id {incident_id!r} (see `legation incidents list`)")
    moving = list(dict.fromkeys(_expand(event_ids, members)))
    staying = [m for m in members if m not in moving]
    if not staying:
        raise InputError("a split must leave at least one record in the incident (list only those to take out)")
    repo.add_splits([tuple(sorted((a, b))) for a in moving for b in staying], incident_id, note)  # type: ignore[misc]
    repo.audit("incidents.split", incident_id, {"moved": moving, "note": note})
    counts = rebuild(repo)
    return {"incident": incident_id, "moved": len(moving), "kept": len(staying), **counts}


def _expand(prefixes: list[str], members: list[str]) -> list[str]:
    """Event ids as typed: a full id or an unambiguous prefix of one of the incident's records."""
    out = []
    for prefix in prefixes:
        hits = [m for m in members if m.startswith(prefix)]
        if len(hits) != 1:
            raise InputError(f"{prefix!r} is {'ambiguous' if hits else 'not a record of this incident'} "
                             "(see `legation incidents show ID`)")
        out.append(hits[0])
    return out


def _incidents_of(rows: list[tuple[str, str, Event]]) -> list[Incident]:
    """Stored incidents from their (incident id, rule, record) rows in storage order: records resolved for
    matching, the seed ("first report") first."""
    found: dict[str, Incident] = {}
    for incident_id, rule, record in rows:
        event = resolved(record)
        incident = found.setdefault(incident_id, Incident(id=incident_id, type=event.type))
        incident.events.insert(0, event) if rule == "first report" else incident.events.append(event)
        incident.rules[event.id] = rule
    return list(found.values())


def _span(events: list[Event]) -> tuple[dt.date | None, dt.date | None, bool]:
    """(first day, last day, whether any is undated) over the records' date windows."""
    windows = [w for w in map(date_window, events) if w is not None]
    undated = len(windows) < len(events)
    if not windows:
        return None, None, undated
    return min(w[0] for w in windows), max(w[1] for w in windows), undated


def _keep_ids(found: list[Incident], previous: dict[str, str]) -> None:
    """Give each new incident the old id most of its records had, once; new groups keep their fresh id."""
    taken: set[str] = set()
    fresh: list[Incident] = []
    for incident in sorted(found, key=lambda i: (-len(i.events), i.id)):
        votes = Counter(previous[e.id] for e in incident.events if e.id in previous)
        old_id = next((old for old, _ in votes.most_common() if old not in taken), None)
        if old_id is None:
            fresh.append(incident)
        else:
            incident.id = old_id
            taken.add(old_id)
    _unique_ids(fresh, taken)


def _unique_ids(found: list[Incident], taken: set[str]) -> None:
    """New incidents keep their derived ids unless an older incident already carries one (a split-off group, a
    seed seen before): then a further derived id. `taken` grows with the ids given."""
    for incident in found:
        while incident.id in taken:
            incident.id = stable_id("incident", incident.id, "split")
        taken.add(incident.id)
