"""Events and sites as a STIX 2.1 bundle.

Mapping (what OpenCTI and MISP import without custom code):
- a violent event (ASSAULT, riotous PROTEST) → `incident`; any other event → `note` about the parties it names
- an actor that is an armed group → `threat-actor`; any other party (state, government, forces) → `identity`
- the event's place → `location`; a protected site → `location` (+ the sending state's `identity`)
- perpetrator → `attributed-to`; victims → `targets` (from the incident); place → `located-at`
- a CLAIM's attacks carry `claimed_by`: the incident is `attributed-to` the claimant, described as claimed

Ids are uuid5 over Legation's own ids, so the same event exported twice is the same STIX object (TAXII servers
deduplicate on id and `modified`). Legation's fields that STIX has no home for travel as `x_legation_*`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Iterable

import stix2

from legation.domain.ontology import is_violent
from legation.domain.records import Event, Party
from legation.domain.sites import Site

NAMESPACE = uuid.UUID("1b671a64-40d5-491e-99b0-da01ff1f3341")  # STIX 2.1's suggested namespace for SCO ids
PRODUCER = stix2.Identity(id="identity--" + str(uuid.uuid5(NAMESPACE, "legation")), name="Legation",
                          identity_class="system", created="2023-01-01T00:00:00.000Z",
                          modified="2023-01-01T00:00:00.000Z")


def _sid(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def _stamp(date: str | None) -> str:
    day = (date or "2000-01-01")[:10]
    return f"{day}T00:00:00.000Z"


def _party_object(party: Party, created: str):
    key = party.id or (party.name or party.text).lower()
    if party.kind == "armed_group":
        extra = {"x_legation_sponsor": party.sponsor} if party.sponsor else {}
        return stix2.ThreatActor(id=_sid("threat-actor", key), name=party.name or party.text, created=created,
                                 modified=created, threat_actor_types=["terrorist" if party.sponsor is None
                                                                       else "nation-state"],
                                 created_by_ref=PRODUCER.id, allow_custom=True, **extra)
    identity_class = {"person": "individual", "civilians": "group", "state": "organization"}.get(party.kind,
                                                                                             "organization")
    extra = {"x_legation_country": party.country} if party.country else {}
    return stix2.Identity(id=_sid("identity", key), name=party.name or party.text, identity_class=identity_class,
                          created=created, modified=created, created_by_ref=PRODUCER.id, allow_custom=True, **extra)


def _location(event: Event, created: str):
    loc = event.location
    if loc.lat is None:
        return None
    return stix2.Location(id=_sid("location", f"{loc.name}|{loc.lat:.4f}|{loc.lon:.4f}"), name=loc.name or loc.text,
                          latitude=loc.lat, longitude=loc.lon, country=loc.country or None, created=created,
                          modified=created, created_by_ref=PRODUCER.id)


def event_objects(event: Event) -> list[Any]:
    """The STIX objects of one event (the event itself, its parties, place and relationships)."""
    created = _stamp(event.date.start)
    common = dict(created=created, modified=created, created_by_ref=PRODUCER.id, allow_custom=True,
                  x_legation_event=event.id, x_legation_type=event.type, x_legation_mode=list(event.mode),
                  x_legation_confidence=round(event.confidence, 3))
    actors = [_party_object(p, created) for p in event.actors]
    victims = [_party_object(p, created) for p in event.recipients]
    place = _location(event, created)
    out: list[Any] = [*actors, *victims] + ([place] if place else [])
    if is_violent(event.type, event.mode):
        sdo = stix2.Incident(id=_sid("incident", event.id), name=f"{event.type.title()} "
                             f"({', '.join(event.mode) or 'unspecified'}) — {event.location.name or 'unknown place'}"
                             f", {(event.date.start or '')[:10]}", description=event.evidence.sentence or None,
                             **common)
        out.append(sdo)
        for actor in actors:
            out.append(stix2.Relationship(sdo, "attributed-to", actor, created=created, modified=created,
                                          created_by_ref=PRODUCER.id))
        for victim in victims:
            out.append(stix2.Relationship(sdo, "targets", victim, created=created, modified=created,
                                          created_by_ref=PRODUCER.id))
        for claimant in event.claimed_by:
            actor = stix2.ThreatActor(id=_sid("threat-actor", claimant.lower()), name=claimant, created=created,
                                      modified=created, created_by_ref=PRODUCER.id)
            out += [actor, stix2.Relationship(sdo, "attributed-to", actor, description="claimed responsibility",
                                              created=created, modified=created, created_by_ref=PRODUCER.id)]
        if place:
            out.append(stix2.Relationship(sdo, "located-at", place, created=created, modified=created,
                                          created_by_ref=PRODUCER.id))
    else:
        refs = [o.id for o in actors + victims] + ([place.id] if place else [])
        if not refs:
            return []
        out.append(stix2.Note(id=_sid("note", event.id), abstract=f"{event.type} "
                              f"{', '.join(event.mode)}".strip(), content=event.evidence.sentence or event.type,
                              object_refs=refs, **common))
    return out


def site_objects(site: Site) -> list[Any]:
    created = "2023-01-01T00:00:00.000Z"
    return [stix2.Location(id=_sid("location", f"site:{site.id}"), name=site.name, latitude=site.lat,
                           longitude=site.lon, country=site.host_country, city=site.city, created=created,
                           modified=created, created_by_ref=PRODUCER.id, allow_custom=True,
                           x_legation_site=site.id, x_legation_kind=site.kind,
                           x_legation_sending_state=site.sending_state)]


def bundle(events: Iterable[Event], sites: Iterable[Site] = ()) -> stix2.Bundle:
    """One bundle of the producer, the sites and the events; each object once (by id)."""
    objects: dict[str, Any] = {PRODUCER.id: PRODUCER}
    for site in sites:
        for obj in site_objects(site):
            objects.setdefault(obj.id, obj)
    for event in events:
        if event.negated or event.hypothetical:
            continue
        for obj in event_objects(event):
            objects.setdefault(obj.id, obj)
    return stix2.Bundle(objects=list(objects.values()), allow_custom=True,
                        id=_sid("bundle", "|".join(sorted(objects))))


def validate(bundle_json: str) -> list[str]:
    """stix2-validator's errors for a bundle (empty when valid)."""
    from stix2validator import ValidationOptions, validate_string

    result = validate_string(bundle_json, ValidationOptions(version="2.1", strict=False))
    results = getattr(result, "object_results", None) or [result]
    return [getattr(e, "message", None) or str(e) or type(e).__name__ for r in results for e in (r.errors or [])]


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
