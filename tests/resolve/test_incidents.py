"""One incident from many reports: 11 reports, worded differently, of 3 real-style attacks become exactly 3."""

from legation.domain import Event, Evidence, Party, TimeSpan
from legation.resolve.actors import resolve_party
from legation.resolve.incidents import cluster, same_incident
from legation.resolve.places import resolve_place


def report(doc, actors, targets, place, start, end=None, kind="exact", mode=("drone",), source="article", row=None):
    """An ASSAULT record as the extractor (or a feed importer) would produce it from one report."""
    return Event(doc=doc, type="ASSAULT", mode=list(mode), source=source,
                 actors=[resolve_party(a, country_hint="IRQ") for a in actors],
                 recipients=[resolve_party(t, country_hint="IRQ") for t in targets],
                 location=resolve_place(place, country_hint="IRQ"),
                 date=TimeSpan(start=start, end=end or start, kind=kind, precision="day"),
                 evidence=Evidence(sentence=f"{doc}: {', '.join(actors)} struck {place}", start=0, end=10, row=row))


# Ain al-Asad, 18 October 2023: drones at the air base in Anbar
AIN_AL_ASAD = [
    report("wire-1", ["the Islamic Resistance in Iraq"], ["US forces"], "Ain al-Asad", "2023-10-18"),
    report("paper-2", ["Iran-backed militias"], ["American troops"], "Ain al-Assad air base", "2023-10-18"),
    report("tv-3", [], ["coalition forces"], "Anbar province", "2023-10-18"),
    report("feed-4", ["Kataib Hezbollah"], ["US military"], "Al-Asad Airbase", "2023-10-18", source="acled", row=4),
]
# Harir, 24 October 2023: a drone attack on the base north-east of Erbil
HARIR = [
    report("wire-5", ["Islamic Resistance in Iraq"], ["US troops"], "Harir base", "2023-10-24"),
    report("paper-6", ["Iran-aligned militants"], ["the US-led coalition"], "Harir air base", "2023-10-23",
           "2023-10-24", kind="range"),
    report("tv-7", [], ["the international coalition"], "Erbil province", "2023-10-24"),
]
# Baghdad airport, 21 October 2023: rockets at the Victory base complex
BAGHDAD_AIRPORT = [
    report("wire-8", [], ["US forces"], "Baghdad airport", "2023-10-21", mode=("heavy-weapons",)),
    report("paper-9", ["militants"], ["coalition troops"], "Victory base", "2023-10-21", mode=("heavy-weapons",)),
    report("tv-10", ["an Iran-backed group"], ["US troops"], "Baghdad", "2023-10-21", mode=("heavy-weapons",)),
    report("feed-11", ["unidentified gunmen"], ["US military"], "Baghdad International Airport", "2023-10-22",
           mode=("heavy-weapons",), source="ucdp", row=11),
]
REPORTS = AIN_AL_ASAD + HARIR + BAGHDAD_AIRPORT


def test_eleven_reports_become_exactly_three_incidents():
    assert len(REPORTS) >= 10
    incidents = cluster(REPORTS)
    groups = sorted(sorted(e.doc for e in i.events) for i in incidents)
    expected = sorted(sorted(e.doc for e in group) for group in (AIN_AL_ASAD, HARIR, BAGHDAD_AIRPORT))
    assert groups == expected


def test_every_record_says_which_rule_merged_it():
    incident = next(i for i in cluster(REPORTS) if len(i.events) == 4 and "wire-1" in {e.doc for e in i.events})
    rules = [incident.rules[e.id] for e in incident.events]
    assert rules.count("first report") == 1
    assert all("same type ASSAULT" in r for r in rules if r != "first report")
    assert len(incident.sources) == 4


def test_attacks_on_different_days_or_places_stay_apart():
    erbil_next_week = report("x", ["Islamic Resistance in Iraq"], ["US troops"], "Harir base", "2023-10-30")
    tanf = report("y", ["Islamic Resistance in Iraq"], ["US troops"], "al-Tanf", "2023-10-18")
    assert same_incident(HARIR[0], erbil_next_week) is None
    assert same_incident(AIN_AL_ASAD[0], tanf) is None


def test_different_named_attackers_are_not_merged():
    isis = report("z", ["ISIS"], ["US forces"], "Ain al-Asad", "2023-10-18")
    assert same_incident(AIN_AL_ASAD[0], isis) is None


def test_a_split_pair_is_never_merged_again():
    first, second = AIN_AL_ASAD[0], AIN_AL_ASAD[1]
    incidents = cluster(AIN_AL_ASAD, cannot_link=[(first.id, second.id)])
    homes = {e.id: i.id for i in incidents for e in i.events}
    assert homes[first.id] != homes[second.id]


def test_feed_rows_with_names_as_written_are_resolved_for_matching():
    def feed_row(actor, row):  # GDELT: its rows are reports, and may report what an ACLED row coded
        return Event(doc="gdelt-2023", type="ASSAULT", mode=["drone"], source="gdelt",
                     actors=[Party(text=actor)],
                     recipients=[Party(text="Military Forces of the United States (2021-)")],
                     location=resolve_place("Al Asad Air Base"),
                     date=TimeSpan(start="2023-10-18", end="2023-10-18", kind="exact"),
                     evidence=Evidence(file="gdelt.CSV", row=row))

    same = feed_row("Kataib Hezbollah", 2)
    other = feed_row("Islamic State (Iraq)", 3)
    homes = {e.id: i.id for i in cluster([*AIN_AL_ASAD, same, other]) for e in i.events}
    assert homes[same.id] == homes[AIN_AL_ASAD[0].id]
    assert homes[other.id] != homes[AIN_AL_ASAD[0].id]


def test_an_unlocated_record_is_placed_by_the_base_its_sentence_names():
    unlocated = Event(doc="radio-12", type="ASSAULT", mode=["drone"], actors=[], recipients=[],
                      date=TimeSpan(start="2023-10-24", end="2023-10-24", kind="exact"),
                      evidence=Evidence(sentence="Drones attacked the Harir air base north of Erbil on Tuesday.",
                                        start=0, end=60))
    incidents = cluster([*HARIR, unlocated])
    assert len(incidents) == 1 and incidents[0].summary()["events"] == 4


def _feed_row(doc, place, lat, lon, precision="city", radius=None, source="acled", actor="Islamic State"):
    from legation.domain import Place

    return Event(doc=doc, type="ASSAULT", source=source, actors=[resolve_party(actor, country_hint="IRQ")],
                 location=Place(name=place, country="IRQ", lat=lat, lon=lon, precision=precision),
                 date=TimeSpan(start="2023-10-18", end="2023-10-18", kind="exact", precision="day"),
                 evidence=Evidence(sentence=f"{doc}: an attack at {place}", row=2),
                 source_codes={"radius_km": radius} if radius is not None else {})


def test_two_rows_of_one_curated_dataset_are_never_one_incident():
    a = _feed_row("acled-1", "Ramadi", 33.42, 43.31, radius=10)
    b = _feed_row("acled-2", "Ramadi", 33.42, 43.31, radius=10)
    assert same_incident(a, b) is None
    assert len(cluster([a, b])) == 2
    report_of_a = _feed_row("wire-9", "Ramadi", 33.43, 43.30, source="article")
    assert same_incident(a, report_of_a) is not None  # an article reporting the same attack still joins it


def test_records_never_merge_farther_apart_than_their_radii_allow():
    town = _feed_row("acled-1", "Hit", 33.64, 42.83, radius=10)  # geo_precision 1: the town, 10 km
    near = _feed_row("gdelt-1", "Hit", 33.85, 42.83, source="gdelt", radius=25)  # ~23 km north
    far = _feed_row("gdelt-2", "Haditha", 34.14, 42.38, source="gdelt", radius=25)  # ~70 km away
    assert same_incident(town, near) is not None and same_incident(town, far) is None
    province = _feed_row("acled-3", "Anbar", 33.42, 43.31, precision="admin1", radius=75)
    distant = _feed_row("ucdp-1", "Baiji", 34.93, 43.49, precision="admin1", source="ucdp", radius=50)
    assert same_incident(province, distant) is None  # 168 km: within admin1's 200 km, beyond 75 + 50
