"""Events and sites as a STIX 2.1 bundle: plain dicts, serialised once (orjson), linear in the number of events.

Mapping (what passes stix2-validator in strict mode, and what OpenCTI and MISP import without custom code):
- a violent event (ASSAULT, riotous PROTEST) → `incident`; any other event → `note` about the parties it names
- an armed group → `threat-actor`; any other party (state, government, forces, crowds, people) → `identity`;
  both carry `labels` from the party's kind and name (state-forces, non-state-armed-group, protesters,
  unidentified, ...), never a blanket "terrorist"
- the event's place → `location`; a protected site → `location`; countries as ISO 3166-1 alpha-2
- the incident's perpetrators, claimants, victims and place: `related-to` relationships whose `description` says
  which (STIX suggests no other relationship from an incident); an armed group `targets` the identities it
  attacked, and is `attributed-to` the state that backs it (its sponsor)
- Legation's own fields (event id, type, modes, source; a party's kind and country; a site's id and sending state)
  travel in one property extension, defined by the bundle's `extension-definition` object

Ids are deterministic: the SHA-1 name-based UUID (uuid5) of the object's canonical fields, with the version nibble
set to 4, because the validator's strict mode wants UUIDv4 for domain objects and relationships. The same export
twice is byte-identical; re-publishing to TAXII is idempotent (servers deduplicate on id and `modified`). Objects
shared by many events (parties, places, sites) carry a fixed timestamp, so their version does not depend on which
events an export includes; an incident or note carries its event's date.
"""

from __future__ import annotations

import functools
import re
import uuid
from collections import Counter
from collections.abc import Iterable
from typing import Any

import orjson

from legation.domain.ontology import is_violent
from legation.domain.records import Event, Party
from legation.domain.sites import Site

NAMESPACE = uuid.UUID("1b671a64-40d5-491e-99b0-da01ff1f3341")  # STIX 2.1's suggested namespace for SCO ids
FIXED = "2023-01-01T00:00:00.000Z"  # the timestamp of objects that many events share


def stix_id(kind: str, key: str) -> str:
    """`kind--uuid`: uuid5 over `kind:key`, stamped as version 4 (see the module's docstring)."""
    return f"{kind}--{uuid.UUID(bytes=uuid.uuid5(NAMESPACE, f'{kind}:{key}').bytes, version=4)}"


PRODUCER_ID = stix_id("identity", "legation")
EXTENSION_ID = stix_id("extension-definition", "legation-fields-v1")
PRODUCER = {"type": "identity", "spec_version": "2.1", "id": PRODUCER_ID, "created": FIXED, "modified": FIXED,
            "name": "Legation", "identity_class": "system"}
EXTENSION = {
    "type": "extension-definition", "spec_version": "2.1", "id": EXTENSION_ID, "created_by_ref": PRODUCER_ID,
    # `version` is a timestamp (semantic versions are only encouraged): medallion, the reference TAXII server,
    # reads any object's `version` as its timestamp, and one "1.0.0" makes it fail every read of the collection.
    "created": FIXED, "modified": FIXED, "name": "Legation fields", "version": FIXED,
    "description": "Legation's own fields of the objects it exports: on incidents and notes the event's id, type, "
                   "modes, source, dates and fatalities; on identities and threat actors the party's id, kind, "
                   "country and sponsor (ISO 3166 alpha-3); on locations the place's precision, or the protected "
                   "site's id, kind and sending state.",
    "schema": "Properties (all optional): event_id, event_type, modes (list), source, date_start, date_end "
              "(YYYY-MM-DD), fatalities (integer); party_id, kind, country, sponsor; precision; site_id, site_kind, "
              "sending_state. Types and modes follow Legation's event ontology (PLOVER).",
    "extension_types": ["property-extension"],
}

# A party's kind → identity_class and labels; labels → sectors (STIX open vocabularies).
IDENTITY_CLASS = {"person": "individual", "civilians": "group", "unknown": "unknown"}
KIND_LABELS = {
    "state": ("state",),
    "government": ("government",),
    "military": ("state-forces",),
    "police": ("state-forces", "police"),
    "armed_group": ("non-state-armed-group",),
    "party": ("political-group",),
    "igo": ("intergovernmental-organization",),
    "ngo": ("non-governmental-organization",),
    "person": ("individual",),
    "media": ("media",),
    "civilians": ("civilians",),
    "unknown": (),  # what the name says, or "kind-unknown"
}
# Words in a party's name that say more than its kind (ACLED's "Protesters (Iraq)", "Unidentified Armed Group",
# "Police Forces of Benin"): a kind only says what the source knew.
NAME_LABELS = {
    **dict.fromkeys(("protesters", "protester", "protestors", "demonstrators"), "protesters"),
    **dict.fromkeys(("rioters", "rioter", "mob"), "rioters"),
    **dict.fromkeys(("unidentified", "unknown", "gunmen", "assailants"), "unidentified"),
    **dict.fromkeys(("settlers", "settler"), "settlers"),
    **dict.fromkeys(("militia", "militias", "vigilante", "vigilantes"), "militia"),
    **dict.fromkeys(("rebels", "rebel", "insurgents"), "rebels"),
    **dict.fromkeys(("civilians", "refugees", "idps", "prisoners", "farmers", "pastoralists", "women", "students",
                     "villagers", "residents"), "civilians"),
    **dict.fromkeys(("ethnic", "communal", "tribe", "tribal", "clan"), "communal-group"),
    **dict.fromkeys(("journalists", "reporters"), "media"),
    **dict.fromkeys(("party", "parties"), "political-group"),
    **dict.fromkeys(("labor", "labour", "union", "unions", "workers", "teachers", "drivers"), "labour-group"),
    **dict.fromkeys(("muslim", "christian", "sufi", "protestant", "catholic", "jewish"), "religious-group"),
    "pro-government": "pro-government", "police": "police", "military": "military", "army": "military",
    "government": "government",
}
SECTORS = {"state": "government-national", "government": "government-national", "military": "defense",
           "police": "emergency-services", "non-governmental-organization": "non-profit"}
_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")
# A place's precision → STIX `precision` (metres around the coordinates).
PRECISION_M = {"site": 100.0, "city": 5000.0, "admin1": 50000.0, "country": 300000.0, "region": 1000000.0}


def party_labels(party: Party) -> list[str]:
    """Labels from the party's kind, refined by words of its name; "state-backed" when a state sponsors it;
    "kind-unknown" when neither says anything. Never "terrorist": that is a designation, not a kind."""
    labels = set(KIND_LABELS.get(party.kind, ()))
    if party.kind != "person":  # a person's name says nothing of what the person is
        words = _WORDS.findall((party.name or party.text or "").lower())
        labels.update(NAME_LABELS[w] for w in words if w in NAME_LABELS)
    if party.sponsor:
        labels.add("state-backed")
    return sorted(labels or ("kind-unknown",))


def party_sectors(labels: list[str]) -> list[str]:
    """Industry sectors (a STIX vocabulary) an identity's labels imply: state forces are defence unless police."""
    sectors = {SECTORS[label] for label in labels if label in SECTORS}
    if "state-forces" in labels and not sectors & {"defense", "emergency-services"}:
        sectors.add("defense")
    return sorted(sectors)


def _key(party: Party) -> str:
    return party.id or (party.name or party.text).lower()


def _claimant_key(event: Event, claimant: str) -> str:
    """A claimant named like one of the event's actors is that actor; otherwise a party of its own name."""
    for party in event.actors:
        if (party.name or party.text).lower() == claimant.lower():
            return _key(party)
    return claimant.lower()


def canonical_parties(events: list[Event]) -> dict[str, Party]:
    """One party per key (Legation's actor id, else the name) over all the events: the kind met most often
    (a known kind over "unknown"; ties by name), the first sponsor and country in sorted order, the most
    frequent name. So a party's object does not depend on the order of the events or on which mention came first
    (ACLED lists associated actors without their kind)."""
    seen: dict[str, list[Party]] = {}
    for event in events:
        for party in (*event.actors, *event.recipients):
            seen.setdefault(_key(party), []).append(party)
        for claimant in event.claimed_by:
            key = _claimant_key(event, claimant)
            if key == claimant.lower():
                seen.setdefault(key, []).append(Party(text=claimant, kind="armed_group"))
    out = {}
    for key, mentions in seen.items():
        kinds = Counter(p.kind for p in mentions)
        known = {k: n for k, n in kinds.items() if k != "unknown"} or kinds
        kind = max(known, key=lambda k: (known[k], k))
        names = Counter(p.name or p.text for p in mentions)
        name = max(names, key=lambda n: (names[n], n))
        sponsors = sorted({p.sponsor for p in mentions if p.sponsor})
        countries = sorted({p.country for p in mentions if p.country})
        out[key] = Party(text=name, name=name, id=mentions[0].id, kind=kind, country=countries[0] if countries else
                         None, sponsor=sponsors[0] if sponsors else None)
    return out


@functools.lru_cache(maxsize=1)
def _alpha2() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


def country_alpha2(code: str | None) -> str | None:
    """ISO 3166-1 alpha-2 for an alpha-3 (or alpha-2) code; None for what is not a country (EUU, UNO)."""
    if not code:
        return None
    code = code.upper()
    if len(code) == 2:
        return code if code in _alpha2().values() else None
    return _alpha2().get(code)


def _country_name(code: str) -> str:
    from legation.resolve.countries import country_name

    return country_name(code) or code


def _stamp(date: str | None) -> str:
    day = (date or "2000-01-01")[:10]
    return f"{day}T00:00:00.000Z"


def _ext(**fields: Any) -> dict[str, Any]:
    """The property extension with the fields that have a value (STIX forbids nulls and empty lists)."""
    body = {"extension_type": "property-extension"}
    body.update((k, v) for k, v in fields.items() if v is not None and v != [] and v != "")
    return {EXTENSION_ID: body}


class _Bundle:
    """Objects by id, in order of first appearance; each party as `canonical_parties` settled it."""

    def __init__(self, parties: dict[str, Party]) -> None:
        self.objects: dict[str, dict[str, Any]] = {PRODUCER_ID: PRODUCER, EXTENSION_ID: EXTENSION}
        self.parties = parties
        self._party_ids: dict[str, str] = {}

    def add(self, obj: dict[str, Any]) -> str:
        self.objects.setdefault(obj["id"], obj)
        return obj["id"]

    def relationship(self, kind: str, source: str, target: str, created: str, role: str | None = None) -> str:
        rel = {"type": "relationship", "spec_version": "2.1",
               "id": stix_id("relationship", f"{kind}|{source}|{target}|{role or ''}"),
               "created_by_ref": PRODUCER_ID, "created": created, "modified": created, "relationship_type": kind,
               "source_ref": source, "target_ref": target}
        if role:
            rel["description"] = role
        return self.add(rel)

    def party(self, key: str) -> str:
        """The identity or threat actor of the party with this key (and its sponsor's); returns its id."""
        known = self._party_ids.get(key)
        if known is not None:
            return known
        party = self.parties.get(key) or _state_party(key)
        labels = party_labels(party)
        common = {"created_by_ref": PRODUCER_ID, "created": FIXED, "modified": FIXED, "name": party.name,
                  "labels": labels}
        ext = _ext(party_id=party.id, kind=party.kind, country=party.country, sponsor=party.sponsor)
        if party.kind == "armed_group":
            obj = {"type": "threat-actor", "spec_version": "2.1", "id": stix_id("threat-actor", key), **common,
                   "extensions": ext}
        else:
            obj = {"type": "identity", "spec_version": "2.1", "id": stix_id("identity", key), **common,
                   "identity_class": IDENTITY_CLASS.get(party.kind, "organization"), "extensions": ext}
            sectors = party_sectors(labels)
            if sectors:
                obj["sectors"] = sectors
        self._party_ids[key] = self.add(obj)
        if party.sponsor and obj["type"] == "threat-actor":
            self.relationship("attributed-to", obj["id"], self.party(party.sponsor.lower()), FIXED, "backed by")
        return obj["id"]

    def place(self, event: Event) -> str | None:
        loc = event.location
        if loc.lat is None:
            return None
        obj = {"type": "location", "spec_version": "2.1",
               "id": stix_id("location", f"{loc.name}|{loc.lat:.4f}|{loc.lon:.4f}"), "created_by_ref": PRODUCER_ID,
               "created": FIXED, "modified": FIXED, "latitude": loc.lat, "longitude": loc.lon}
        if loc.name or loc.text:
            obj["name"] = loc.name or loc.text
        if loc.precision in PRECISION_M:
            obj["precision"] = PRECISION_M[loc.precision]
        country = country_alpha2(loc.country)
        if country:
            obj["country"] = country
        if loc.admin1:
            obj["administrative_area"] = loc.admin1
        if loc.precision:
            obj["extensions"] = _ext(precision=loc.precision)
        return self.add(obj)

    def event(self, event: Event) -> None:
        created = _stamp(event.date.start)
        actors = [self.party(_key(p)) for p in event.actors]
        victims = [self.party(_key(p)) for p in event.recipients]
        place = self.place(event)
        common = {"created_by_ref": PRODUCER_ID, "created": created, "modified": created,
                  "confidence": round(event.confidence * 100),
                  "extensions": _ext(event_id=event.id, event_type=event.type, modes=list(event.mode),
                                     source=event.source, date_start=event.date.start, date_end=event.date.end,
                                     fatalities=event.fatalities)}
        if is_violent(event.type, event.mode):
            sdo = {"type": "incident", "spec_version": "2.1", "id": stix_id("incident", event.id or ""), **common,
                   "name": f"{event.type.title()} ({', '.join(event.mode) or 'unspecified'}) — "
                           f"{event.location.name or 'unknown place'}, {(event.date.start or '')[:10]}"}
            if event.evidence.sentence:
                sdo["description"] = event.evidence.sentence
            self.add(sdo)
            for actor in actors:
                self.relationship("related-to", sdo["id"], actor, created, "perpetrator")
            for victim in victims:
                self.relationship("related-to", sdo["id"], victim, created, "target")
                for actor in actors:
                    if actor.startswith("threat-actor--") and victim.startswith("identity--"):
                        self.relationship("targets", actor, victim, FIXED)
            for claimant in event.claimed_by:
                self.relationship("related-to", sdo["id"], self.party(_claimant_key(event, claimant)), created,
                                  "claimed responsibility")
            if place:
                self.relationship("related-to", sdo["id"], place, created, "place")
        else:
            refs = list(dict.fromkeys(actors + victims + ([place] if place else [])))
            if not refs:
                return
            abstract = f"{event.type} {', '.join(event.mode)}".strip()
            self.add({"type": "note", "spec_version": "2.1", "id": stix_id("note", event.id or ""), **common,
                      "abstract": abstract, "content": event.evidence.sentence or event.type, "object_refs": refs})

    def site(self, site: Site) -> None:
        obj = {"type": "location", "spec_version": "2.1", "id": stix_id("location", f"site:{site.id}"),
               "created_by_ref": PRODUCER_ID, "created": FIXED, "modified": FIXED, "name": site.name,
               "latitude": site.lat, "longitude": site.lon}
        country = country_alpha2(site.host_country)
        if country:
            obj["country"] = country
        if site.city:
            obj["city"] = site.city
        obj["extensions"] = _ext(site_id=site.id, site_kind=site.kind, sending_state=site.sending_state)
        self.add(obj)


def _state_party(key: str) -> Party:
    """A party known only as a sponsor (lower-case alpha-3, the id Legation gives a state): the state."""
    code = key.upper()
    return Party(text=_country_name(code), id=key, kind="state", country=code)


def event_objects(event: Event) -> list[dict[str, Any]]:
    """The STIX objects of one event (the event itself, its parties, place and relationships)."""
    built = _Bundle(canonical_parties([event]))
    built.event(event)
    return [o for i, o in built.objects.items() if i not in (PRODUCER_ID, EXTENSION_ID)]


def bundle(events: Iterable[Event], sites: Iterable[Site] = ()) -> dict[str, Any]:
    """One bundle (a plain dict) of the producer, the extension's definition, the sites and the events (negated and
    hypothetical ones left out); each object once. Its id is derived from its objects' ids."""
    kept = [e for e in events if not (e.negated or e.hypothetical)]
    built = _Bundle(canonical_parties(kept))
    for site in sites:
        built.site(site)
    for event in kept:
        built.event(event)
    objects = list(built.objects.values())
    return {"type": "bundle", "id": stix_id("bundle", "|".join(sorted(built.objects))), "objects": objects}


def to_json(data: dict[str, Any], *, pretty: bool = False) -> str:
    """A bundle's JSON text, serialised once (orjson; indented by two spaces when `pretty`)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 if pretty else 0).decode()


# The shape checks that run on every export (cheap; `validate` runs the full stix2-validator).
_ID = re.compile(r"^([a-z][a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
REQUIRED = {"identity": ("name",), "threat-actor": ("name",), "incident": ("name",), "note": ("content", "object_refs"),
            "relationship": ("relationship_type", "source_ref", "target_ref"), "location": (),
            "extension-definition": ("name", "schema", "version", "extension_types", "created_by_ref")}


def check(data: dict[str, Any]) -> list[str]:
    """What is wrong with a bundle's shape, in one pass: ids (type and UUIDv4), spec_version, timestamps, required
    properties, references to objects outside the bundle, two-letter countries, no nulls or empty lists."""
    errors: list[str] = []
    objects = data.get("objects") or []
    ids = {o.get("id") for o in objects}
    for obj in objects:
        oid, kind = obj.get("id") or "", obj.get("type")
        match = _ID.match(oid)
        if not match or match.group(1) != kind:
            errors.append(f"{oid or kind}: id is not {kind}--<UUIDv4>")
        if kind not in REQUIRED:
            errors.append(f"{oid}: unexpected object type {kind!r}")
            continue
        if obj.get("spec_version") != "2.1":
            errors.append(f"{oid}: spec_version is not 2.1")
        for stamp in ("created", "modified"):
            if not _TIME.match(obj.get(stamp) or ""):
                errors.append(f"{oid}: {stamp} is not a STIX timestamp")
        errors += [f"{oid}: lacks {p}" for p in REQUIRED[kind] if p not in obj]
        refs = [obj.get("created_by_ref"), obj.get("source_ref"), obj.get("target_ref"), *obj.get("object_refs", ())]
        errors += [f"{oid}: refers to {r}, not in the bundle" for r in refs if r is not None and r not in ids]
        if kind == "location":
            if "country" in obj and country_alpha2(obj["country"]) != obj["country"]:
                errors.append(f"{oid}: country {obj['country']!r} is not ISO 3166-1 alpha-2")
            if "country" not in obj and "latitude" not in obj and "region" not in obj:
                errors.append(f"{oid}: a location needs a region, a country or coordinates")
        errors += [f"{oid}: {k} is empty" for k, v in obj.items() if v is None or v == [] or v == ""]
    return errors


def validate(bundle_json: str, *, strict: bool = True) -> list[str]:
    """stix2-validator's errors for a bundle (empty when valid); strict: every SHOULD is an error, and references
    must resolve inside the bundle. Thorough and slow (some 10 s of CPU per 1,000 events)."""
    from stix2validator import ValidationOptions, validate_string

    options = ValidationOptions(version="2.1", strict=strict, enforce_refs=strict)
    result = validate_string(bundle_json, options)
    results = getattr(result, "object_results", None) or [result]
    return [getattr(e, "message", None) or str(e) or type(e).__name__ for r in results for e in (r.errors or [])]
