"""The STIX bundle as a consumer sees it: strictly valid, deterministic, labelled by what each actor is, two-letter
countries, and growing with the events in a straight line."""

import json

import pytest

from legation.domain import Event, Evidence, Party, Place, TimeSpan
from legation.domain.ontology import EVENT_TYPES, PARTY_KINDS
from legation.interop.stix import EXTENSION_ID, bundle, check, party_labels, to_json, validate
from legation.store import open_store
from legation.store.events import upsert_events
from tests.factories import make_event, make_site

IRAQ = Place(text="Baghdad", name="Baghdad", country="IRQ", admin1="Baghdad", lat=33.34, lon=44.4, precision="city")


def _party(kind: str, n: int = 0) -> Party:
    names = {"state": ("Iran", "irn", "IRN"), "government": ("Iraqi government", "irq-government", "IRQ"),
             "military": ("Military Forces of Iraq (2022-)", None, "IRQ"), "police": ("Police Forces of Iraq", None,
                                                                                      "IRQ"),
             "armed_group": ("Settlers (Israel)", None, None), "party": ("Sadrist Movement", None, "IRQ"),
             "igo": ("United Nations", "un", None), "ngo": ("Red Crescent", None, None),
             "person": ("Mohammed Shia al-Sudani", "sudani", "IRQ"), "media": ("journalists", None, None),
             "civilians": ("Protesters (Iraq)", None, "IRQ"), "unknown": ("Unidentified Armed Group (Iraq)", None,
                                                                         None)}
    name, pid, country = names[kind]
    return Party(text=f"{name}{' ' * n}".strip(), name=name, id=pid, kind=kind, country=country)


def _every_kind_of_event():
    """Every party kind as actor and as recipient; every event type; claims, sponsors, unplaced events, every
    place precision; a site of the EU (a sending state that is not a country) and one in an unknown country."""
    events = []
    for i, kind in enumerate(PARTY_KINDS):
        other = PARTY_KINDS[(i + 5) % len(PARTY_KINDS)]
        events.append(make_event(actors=[_party(kind)], recipients=[_party(other)], location=IRAQ))
        events.append(make_event(type="ACCUSE", mode=["disapprove"], actors=[_party(other)],
                                 recipients=[_party(kind)], location=Place(name="Iraq", country="IRQ", lat=33.0,
                                                                           lon=44.0, precision="country")))
    for event_type in EVENT_TYPES:
        events.append(make_event(type=event_type, mode=[], actors=[_party("unknown")], location=Place(
            text="somewhere", reason="not in the gazetteer")))
    events.append(make_event(type="PROTEST", mode=["riot"], actors=[_party("civilians")], recipients=[],
                             location=Place(name="Middle East", lat=29.0, lon=41.0, precision="region")))
    events.append(make_event(claimed_by=["Islamic Resistance in Iraq", "Iran-backed militias"]))
    events.append(make_event(actors=[Party(text="Kata'ib Hezbollah", id="kataib-hezbollah", kind="armed_group",
                                           country="IRQ", sponsor="IRN")], fatalities=2,
                             location=Place(name="Ain al-Asad Air Base", country="IRQ", lat=33.8, lon=42.44,
                                            precision="site")))
    events.append(make_event(negated=True))
    events.append(make_event(hypothetical=True))
    events.append(make_event(type="CONSULT", mode=["visit"], actors=[], recipients=[], location=Place()))
    sites = [make_site(id="usa-emb"), make_site(id="eu-del", sending_state="EUU", host_country="IRQ"),
             make_site(id="kosovo", sending_state="UNO", host_country="XKX", city=None)]
    return events, sites


def test_a_bundle_of_every_kind_of_event_and_actor_passes_the_strict_validator():
    events, sites = _every_kind_of_event()
    data = bundle(events, sites)
    assert check(data) == []
    assert validate(to_json(data)) == []
    types = {o["type"] for o in data["objects"]}
    assert types == {"identity", "threat-actor", "incident", "note", "location", "relationship",
                     "extension-definition"}
    # nothing outside the spec's properties but inside the defined extension
    assert not [k for o in data["objects"] for k in o if k.startswith("x_")]
    incident = next(o for o in data["objects"] if o["type"] == "incident" and "fatalities" in
                    o["extensions"][EXTENSION_ID])
    assert incident["extensions"][EXTENSION_ID]["fatalities"] == 2
    assert {e.id for e in events[-3:]}.isdisjoint(
        {o.get("extensions", {}).get(EXTENSION_ID, {}).get("event_id") for o in data["objects"]})


def test_the_strict_validator_catches_what_the_lax_one_lets_through():
    data = bundle([make_event()])
    rel = next(o for o in data["objects"] if o["type"] == "relationship" and o["source_ref"].startswith("incident"))
    rel["relationship_type"] = "attributed-to"  # STIX suggests no attributed-to from an incident
    assert validate(to_json(data), strict=False) == []
    assert any("relationship" in e for e in validate(to_json(data)))


def test_the_same_export_twice_is_byte_identical_and_ids_do_not_depend_on_order():
    events, sites = _every_kind_of_event()
    first = to_json(bundle(events, sites), pretty=True)
    second = to_json(bundle([Event.from_dict(e.to_dict()) for e in events], sites), pretty=True)  # as read back
    assert first == second
    reordered = bundle(list(reversed(events)), list(reversed(sites)))
    assert {o["id"] for o in reordered["objects"]} == {o["id"] for o in json.loads(first)["objects"]}
    assert reordered["id"] == json.loads(first)["id"]
    rels = [o for o in json.loads(first)["objects"] if o["type"] == "relationship"]
    assert len({r["id"] for r in rels}) == len(rels) > 20


def test_an_event_in_two_exports_keeps_its_ids():
    attack = make_event(claimed_by=["Islamic Resistance in Iraq"])
    alone = {o["id"] for o in bundle([attack])["objects"]}
    with_others = {o["id"] for o in bundle([make_event(), attack, make_event()])["objects"]}
    assert alone <= with_others


@pytest.mark.parametrize(("party", "expected", "stix_type"), [
    (Party(text="Settlers (Israel)", kind="armed_group"), {"non-state-armed-group", "settlers"}, "threat-actor"),
    (Party(text="Kata'ib Hezbollah", kind="armed_group", sponsor="IRN"), {"non-state-armed-group", "state-backed"},
     "threat-actor"),
    (Party(text="Pro-Government Militia (Iraq)", kind="armed_group"),
     {"non-state-armed-group", "pro-government", "militia"}, "threat-actor"),
    (Party(text="Military Forces of Iraq (2022-)", kind="military"), {"state-forces", "military"}, "identity"),
    (Party(text="Police Forces of Iraq", kind="police"), {"state-forces", "police"}, "identity"),
    (Party(text="Protesters (Iraq)", kind="civilians"), {"civilians", "protesters"}, "identity"),
    (Party(text="Rioters (Iraq)", kind="unknown"), {"rioters"}, "identity"),
    (Party(text="Journalists (Benin)", kind="unknown"), {"media"}, "identity"),
    (Party(text="Somebody", kind="unknown"), {"kind-unknown"}, "identity"),
    (Party(text="Police Forces of Benin (2016-)", kind="military"), {"state-forces", "police"}, "identity"),
    (Party(text="Government of Benin (2016-)", kind="military"), {"state-forces", "government"}, "identity"),
    (Party(text="Unidentified Armed Group (Iraq)", kind="unknown"), {"unidentified"}, "identity"),
    (Party(text="Iran", kind="state"), {"state"}, "identity"),
    (Party(text="Mohammed Shia al-Sudani", kind="person"), {"individual"}, "identity"),
])
def test_actors_are_labelled_by_their_kind_never_as_terrorists(party, expected, stix_type):
    assert set(party_labels(party)) == expected
    objects = bundle([make_event(actors=[party])])["objects"]
    exported = next(o for o in objects if o.get("name") == party.name)
    assert exported["type"] == stix_type and set(exported["labels"]) == expected
    assert "terrorist" not in to_json({"objects": objects})


def test_a_party_is_one_object_whatever_the_order_its_mentions_come_in():
    associate = Party(text="Police Forces of Benin (2016-)", kind="unknown")  # ACLED gives associates no kind
    actor = Party(text="Police Forces of Benin (2016-)", kind="military")
    first, second = make_event(actors=[associate]), make_event(actors=[actor])
    one, other = bundle([first, second])["objects"], bundle([second, first])["objects"]
    police = [o for o in one if o.get("name") == actor.name]
    assert police == [o for o in other if o.get("name") == actor.name]
    assert len(police) == 1 and police[0]["labels"] == ["police", "state-forces"]
    assert police[0]["sectors"] == ["emergency-services"]


def test_a_sponsored_group_is_attributed_to_its_sponsor():
    objects = bundle([make_event(actors=[Party(text="Kata'ib Hezbollah", kind="armed_group", sponsor="IRN")])])[
        "objects"]
    by_id = {o["id"]: o for o in objects}
    backed = [o for o in objects if o["type"] == "relationship" and o["relationship_type"] == "attributed-to"]
    assert [(by_id[r["source_ref"]]["name"], by_id[r["target_ref"]]["name"]) for r in backed] == [
        ("Kata'ib Hezbollah", "Iran")]


def test_countries_are_two_letter_codes():
    site = make_site(id="eu-del", sending_state="EUU", host_country="IRQ")
    lost = make_site(id="kosovo", host_country="XKX")
    data = bundle([make_event(location=Place(name="Amman", country="JOR", lat=31.95, lon=35.93, precision="city"))],
                  [site, lost])
    locations = {o["name"]: o for o in data["objects"] if o["type"] == "location"}
    assert locations["Amman"]["country"] == "JO"
    assert locations[site.name]["country"] == "IQ"
    assert locations[site.name]["extensions"][EXTENSION_ID]["sending_state"] == "EUU"  # kept as Legation says it
    assert "country" not in locations[lost.name]  # not an ISO 3166 code: left out, the coordinates remain
    broken = json.loads(to_json(data))
    next(o for o in broken["objects"] if o.get("name") == "Amman")["country"] = "JOR"
    assert any("ALPHA-2" in e for e in validate(json.dumps(broken)))
    assert any("alpha-2" in e for e in check(broken))


def test_the_shape_check_names_a_dangling_reference():
    data = bundle([make_event()])
    rel = next(o for o in data["objects"] if o["type"] == "relationship")
    rel["target_ref"] = "identity--00000000-0000-4000-8000-000000000000"
    assert check(data) == [f"{rel['id']}: refers to identity--00000000-0000-4000-8000-000000000000, not in the "
                           f"bundle"]


def _attacks(start: int, count: int):
    """Distinct attacks by a pool of 7 groups on a pool of 5 targets at 3 places: once the pools (and their 35
    group-target pairs) are met, every event adds the same few objects."""
    out = []
    for n in range(start, start + count):
        out.append(make_event(
            actors=[Party(text=f"Group {n % 7}", kind="armed_group")],
            recipients=[Party(text=f"Target {n % 5}", kind="military", country="USA")],
            location=Place(name=f"Place {n % 3}", country="IRQ", lat=33.0 + n % 3, lon=44.0, precision="city"),
            date=TimeSpan(start="2024-01-01", end="2024-01-01", precision="day", kind="exact"),
            evidence=Evidence(sentence=f"Attack number {n}.", start=n, end=n + 10)))
    return out


def test_the_exported_objects_grow_linearly_with_the_events(cli):
    n = 60
    counts = {}
    store = open_store(cli.db)
    loaded = 0
    for size in (n, 2 * n, 4 * n):
        with store.begin() as conn:
            upsert_events(conn, _attacks(loaded, size - loaded))
        loaded = size
        result = cli("stix", "export", "--compact")
        assert result.exit_code == 0, result.output
        counts[size] = len(json.loads(result.stdout)["objects"])
    store.close()
    per_event = (counts[2 * n] - counts[n]) / n
    assert per_event == 4  # its incident and the incident's perpetrator, target and place links
    assert counts[4 * n] - counts[2 * n] == 2 * (counts[2 * n] - counts[n])


def test_a_liaison_exports_only_what_the_access_rules_let_them_read(cli):
    """`--as` a stored liaison: their own mission's sites, and events within reach of them; nothing else."""
    from legation.store.sites import upsert_sites

    assert cli("users", "add", "eu1", "--role", "liaison", "--organisation", "EUU").exit_code == 0
    store = open_store(cli.db)
    with store.begin() as conn:
        upsert_sites(conn, [make_site(id="euu-del", name="EU Delegation", sending_state="EUU", lat=33.3012,
                                      lon=44.3901, kind="mission-office"),
                            make_site(id="usa-cg-basra", name="US Consulate Basra", sending_state="USA", lat=30.51,
                                      lon=47.78)])
        near = make_event(location=Place(name="Baghdad", country="IRQ", lat=33.31, lon=44.37, precision="city"),
                          evidence=Evidence(sentence="Rockets hit Baghdad.", start=0, end=20))
        far = make_event(location=Place(name="Basra", country="IRQ", lat=30.51, lon=47.78, precision="city"),
                         evidence=Evidence(sentence="Rockets hit Basra.", start=0, end=18))
        upsert_events(conn, [near, far])
    store.close()

    def names(*args):
        result = cli(*args, "stix", "export", "--compact")
        assert result.exit_code == 0, result.output
        return {o.get("name") for o in json.loads(result.stdout)["objects"]}, result.stdout

    everything, _ = names()
    assert {"EU Delegation", "US Consulate Basra"} <= everything
    theirs, text = names("--as", "eu1")
    assert "EU Delegation" in theirs and "US Consulate Basra" not in theirs
    assert "Rockets hit Baghdad." in text and "Rockets hit Basra." not in text
