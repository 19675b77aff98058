"""Where an event happened (a base the parse misses, the dateline's country) and with what (a weapon or vehicle is
the instrument, never the actor): what a user sees in the event records."""

from __future__ import annotations

import pytest

from legation.extract.context import dateline
from tests.extract.conftest import runner


@pytest.fixture(scope="module")
def extract():
    return runner("2023-10-25")


def attack(events):
    found = [e for e in events if e.type == "ASSAULT"]
    assert len(found) == 1, [(e.type, [a.text for a in e.actors]) for e in events]
    return found[0]


# ------------------------------------------------------------------------------ a base the parse does not see
@pytest.mark.parametrize("sentence, name", [
    ("Two drones attacked Ain al-Asad air base on Tuesday.", "Ain al-Asad Air Base"),
    ("A rocket hit Harir base on Monday, officials said.", "Harir Air Base"),
    ("Militants fired rockets at Victory Base Complex near Baghdad airport.",
     "Victory Base Complex, Baghdad International Airport"),
])
def test_a_base_named_only_by_its_name_is_the_location(extract, sentence, name):
    place = attack(extract(sentence)).location
    assert (place.name, place.country, place.precision) == (name, "IRQ", "site")
    assert place.text and place.text in sentence and place.lat is not None


def test_an_air_base_is_no_air_strike(extract):
    assert attack(extract("Two drones attacked Ain al-Asad air base on Tuesday.")).mode == ["drone"]


def test_a_place_the_sentence_states_is_kept_over_the_gazetteer(extract):
    place = attack(extract("Gunmen attacked a convoy in Haditha, near Ain al-Asad air base, on Tuesday.")).location
    assert (place.text, place.precision) == ("Haditha", "city")


def test_a_town_naming_the_attack_is_its_place_and_a_country_naming_it_is_a_party(extract):
    claim = [e for e in extract("QAMISHLI, Syria - The group claimed the Mosul bombing in a statement on Tuesday.")
             if e.type == "CLAIM"]
    assert [(e.location.name, e.location.country) for e in claim] == [("Mosul", "IRQ")]
    events = extract("Iran on Wednesday rejected a US demand to stop arming militias in the region.")
    assert [e.location.country for e in events if e.type == "REJECT"] != ["USA"]


def test_a_city_that_speaks_is_no_location(extract):
    # "Baghdad" is the government here, not where the strike was; no place is invented.
    place = attack(extract("Baghdad said drones attacked the base on Tuesday.")).location
    assert place.name != "Baghdad"


def test_the_place_of_another_event_or_a_cause_in_the_sentence_is_not_this_ones(extract):
    events = extract("The Islamic Resistance in Iraq said its fighters had hit a base in Syria's Hasakah province "
                     "in response to U.S. backing for Israel's war in Gaza.")
    assert {e.location.country for e in events} == {"SYR"}
    unplaced = extract("Its fighters had hit the base in response to Israel's war in Gaza.")
    assert [e.location.text for e in unplaced] == [None]  # Gaza is where the war is, not the base
    speaker = extract("The EU said it had withdrawn its staff, and Germany said its ambassador had left.")
    assert all(e.location.country != "DEU" for e in speaker if e.type == "ADVISORY")  # a speaker, no place


# --------------------------------------------------------------------------------------------- the dateline
@pytest.mark.parametrize("text, expected", [
    ("BAGHDAD, Oct. 18, 2023 (Agency) - Drones attacked the base.", "Baghdad"),
    ("ERBIL, Iraq — A drone struck a base.", "Erbil, Iraq"),
    ("ERBIL, Kurdistan Region - Iraqi PM spoke.", "Erbil, Kurdistan Region"),
    ("BEIRUT, 2023-10-18 (AP) — Talks went on.", "Beirut"),
    ("KABUL — Talks went on.", "Kabul"),
    ("TEHRAN/BAKU, Jan 28 — A man stormed the embassy.", "Tehran"),
    ("The US-led coalition - which leads the fight - spoke.", None),
])
def test_dateline_place_with_or_without_date_and_agency(text, expected):
    assert dateline(text) == expected


def test_a_dated_dateline_gives_the_country_but_is_no_place_of_the_event(extract):
    event = attack(extract("BAGHDAD, Oct. 18, 2023 (Agency) - Drones attacked the base, officials said."))
    # the sentence names no place: the country of the dateline, at country precision (not the city of Baghdad)
    assert (event.location.name, event.location.country, event.location.precision) == ("Iraq", "IRQ", "country")
    assert event.location.text is None and "dateline" in event.location.reason


def test_the_dateline_country_resolves_an_ambiguous_town(extract):
    # Tripoli alone is Libya's (the larger); a Beirut dateline makes it Lebanon's.
    event = attack(extract("BEIRUT, Oct. 18, 2023 (Agency) - Gunmen attacked a checkpoint in Tripoli on Monday."))
    assert (event.location.name, event.location.country) == ("Tripoli", "LBN")


def test_an_unresolved_place_takes_the_dateline_country_unless_another_country_is_named(extract):
    inside = attack(extract("ERBIL, Iraq — Gunmen attacked a checkpoint in Sheikhan Zardaki on Monday."))
    abroad = attack(extract("ERBIL, Iraq — Gunmen attacked a checkpoint in Sheikhan Zardaki, Syria on Monday."))
    assert inside.location.lat is None and inside.location.country == "IRQ"
    assert abroad.location.country != "IRQ"
    # a country that only qualifies a noun ("the US embassy") names no place
    owned = attack(extract("ERBIL, Iraq — Gunmen attacked guards near the US embassy in Sheikhan Zardaki on Monday."))
    assert owned.location.country == "IRQ"


# ------------------------------------------------------------------------------ instruments are not actors
@pytest.mark.parametrize("sentence, mode", [
    ("Drones attacked the base on Tuesday.", "drone"),
    ("BAGHDAD, Oct. 18, 2023 (Agency) - Drones attacked the base, officials said.", "drone"),
    ("Rockets hit the Green Zone on Monday.", "heavy-weapons"),
    ("Warplanes struck a school in Gaza on Monday.", "aerial"),
])
def test_a_weapon_or_vehicle_is_the_mode_and_the_actor_is_unknown(extract, sentence, mode):
    event = attack(extract(sentence))
    assert event.actors == []
    assert mode in event.mode


@pytest.mark.parametrize("sentence, actor, mode", [
    ("Israeli warplanes struck a school in Gaza on Monday.", "Israeli", "aerial"),
    ("Hezbollah's rockets hit the town of Metula on Monday.", "Hezbollah", "heavy-weapons"),
    ("US F-16 jets struck two facilities near Albu Kamal on Thursday.", "US", "aerial"),
])
def test_the_state_or_group_named_with_the_weapon_is_the_actor(extract, sentence, actor, mode):
    event = attack(extract(sentence))
    assert [a.text for a in event.actors] == [actor]
    assert mode in event.mode


def test_one_dateline_gives_the_publication_date_the_country_and_no_actor(extract):
    # The dateline's date is read by resolve.time.publication_date (it anchors "on Tuesday"); its place gives the
    # country hint; the drones are the weapon, and the base the gazetteer knows is where it happened.
    event = attack(extract("BAGHDAD, Oct. 18, 2023 (Agency) - Drones attacked Harir base on Tuesday, officials said.",
                           published=None))
    assert (event.date.start, event.date.kind) == ("2023-10-17", "exact")
    assert (event.location.name, event.location.country) == ("Harir Air Base", "IRQ")
    assert event.actors == [] and event.mode == ["drone"]


def test_a_headline_above_the_dateline_keeps_its_place(extract):
    events = extract("Rockets hit Harir base\n\nERBIL, Iraq — Officials gave no details on Tuesday.")
    assert attack(events).location.name == "Harir Air Base"


def test_a_bomber_named_with_the_vehicle_is_the_actor_not_the_car(extract):
    event = attack(extract("A car driven by a suicide bomber exploded near the checkpoint on Monday."))
    assert [a.text for a in event.actors] == ["suicide bomber"]


# ------------------------------------------------------------------- headline grammar, unknown attackers
def test_a_headline_verb_read_as_a_noun_still_names_what_was_hit_and_where(extract):
    event = attack(extract("Drones attack Harir base in northern Iraq\n\nNo one was hurt, officials said."))
    assert [r.text for r in event.recipients] == ["Harir base"]
    assert (event.location.name, event.location.precision) == ("Harir Air Base", "site")
    assert event.actors == []
    named = attack(extract("Militants attack Kabul hotel\n\nThe gunmen were killed hours later."))
    assert [a.text for a in named.actors] == ["Militants"] and [r.text for r in named.recipients] == ["Kabul hotel"]


def test_a_country_gives_way_to_a_named_base_in_it(extract):
    place = attack(extract("Rockets struck Ain al-Asad air base in western Iraq on Tuesday.")).location
    assert (place.name, place.country, place.precision) == ("Ain al-Asad Air Base", "IRQ", "site")


def test_an_attack_told_by_its_weapon_does_not_borrow_the_attacker_of_the_one_before(extract):
    events = [e for e in extract("Iran-backed militias attacked a US convoy near Baghdad on Monday.\n\n"
                                 "Two drones attacked Harir air base north of Erbil late on Sunday, a US official "
                                 "said.") if e.type == "ASSAULT"]
    assert len(events) == 2
    convoy, harir = sorted(events, key=lambda e: e.evidence.start)
    assert [a.text for a in convoy.actors] == ["Iran-backed militias"]
    assert harir.actors == [] and harir.location.name == "Harir Air Base"


def test_the_attacks_still_take_the_attackers_named_just_before(extract):
    events = [e for e in extract("Iran-backed militias attacked a US convoy near Baghdad on Monday.\n\n"
                                 "The attacks wounded two soldiers.") if e.type == "ASSAULT"]
    assert all([a.text for a in e.actors] == ["Iran-backed militias"] for e in events), events


def test_a_weekday_dates_the_attack_and_not_the_date_of_a_dateline_with_two_places(extract):
    events = extract("Headline\n\nTEHRAN/BAKU, Jan 28 \u2014 A man armed with a rifle forced his way into Azerbaijan's "
                     "embassy in Tehran on Friday morning, shooting dead a guard.", published="2023-01-28")
    assert [(e.date.start, e.location.country) for e in events if e.type == "ASSAULT"] == [("2023-01-27", "IRN")]


@pytest.mark.parametrize("text, expected", [
    ("Turkey summoned Greece's ambassador in Ankara on Thursday over an attack on its consulate-general in "
     "Thessaloniki, where masked men threw flares.", [("ACCUSE", "TUR"), ("ASSAULT", "GRC")]),
    ("BOGOTA, Jan 23 - Gunmen fired on Colombia's consulate in San Cristobal, Venezuela, overnight.",
     [("ASSAULT", "VEN")]),
], ids=["summoned-in-ankara-attacked-in-thessaloniki", "town-comma-country"])
def test_a_summons_is_where_the_envoy_is_and_an_attack_where_its_clause_hangs(extract, text, expected):
    # Thessaloniki, read as an organisation after "in", is still a place the gazetteer knows
    assert [(e.type, e.location.country) for e in extract(text)] == expected


def test_a_port_named_after_its_sea_is_the_port_and_a_sea_is_no_country(extract):
    event = attack(extract("SANAA, Yemen, Sept 26 (Agency) - Gunmen stormed a U.N. compound in the Red Sea port of "
                           "Hodeidah on Monday."))
    assert (event.location.text, event.location.country, event.location.precision) == ("Hodeidah", "YEM", "city")


def test_a_place_of_no_known_country_in_a_story_about_one_lies_there_even_when_another_country_speaks(extract):
    # Italy only speaks: it names no place, so the camp the gazetteer does not know lies where the story's places do
    events = extract("Bomb wounds two peacekeepers in Egypt's North Sinai\n\nA roadside bomb wounded two peacekeepers "
                     "near El Arish on Monday. Egyptian troops sealed off the road to Rafah. Italy said the blast had "
                     "hit its patrol a few kilometres from the MFO's Zulu Camp.")
    [event] = [e for e in events if e.type == "ASSAULT" and "Zulu Camp" in e.evidence.sentence]
    assert (event.location.text, event.location.country) == ("Zulu Camp", "EGY")


@pytest.mark.parametrize("text, country", [
    ("OSH, Kyrgyzstan, Feb 18 (Agency) - A crowd of young men broke into a hostel in Osh on Sunday and beat students "
     "from Pakistan, India and Egypt.", "KGZ"),
    ("Gunmen arrived from Mali and attacked the village.", "MLI"),
], ids=["students-from", "arrived-from"])
def test_where_people_come_from_is_not_where_they_were_attacked(extract, text, country):
    assert [e.location.country for e in extract(text) if e.type == "ASSAULT"] == [country]
