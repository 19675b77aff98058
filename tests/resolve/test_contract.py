"""The public contract the extractor calls: resolve_place and resolve_party return domain records."""

from legation.domain import Party, Place
from legation.resolve.actors import resolve_party
from legation.resolve.places import resolve_place


def test_place_resolves_spellings_of_erbil_to_one_city():
    places = [resolve_place(t) for t in ("Erbil", "Arbil", "Irbil", "Hawler")]
    assert all(isinstance(p, Place) for p in places)
    assert {p.geonameid for p in places} == {95446}
    assert all(p.country == "IRQ" and p.precision == "city" for p in places)


def test_unresolved_place_has_a_reason_and_no_coordinates():
    place = resolve_place("the bases", country_hint="IRQ")
    assert place.lat is None and place.lon is None
    assert "the bases" in place.reason


def test_party_contract_examples():
    militias = resolve_party("Iran-backed militias", country_hint="IRQ")
    assert isinstance(militias, Party)
    assert (militias.kind, militias.sponsor, militias.country) == ("armed_group", "IRN", "IRQ")
    assert resolve_party("Washington").name == "United States government"
    troops = resolve_party("US troops")
    assert (troops.name, troops.id, troops.kind, troops.country) == ("United States Armed Forces", "usa-military",
                                                                     "military", "USA")
    sudani = resolve_party("Sudani", when="2023-10-25")
    assert (sudani.kind, sudani.country) == ("person", "IRQ")


def test_unknown_party_keeps_the_text():
    party = resolve_party("the Frobnicators of Zed")
    assert (party.kind, party.name) == ("unknown", "the Frobnicators of Zed")


def test_find_places_spots_bases_and_towns_the_entity_recogniser_may_miss():
    from legation.resolve.places import find_places

    sentence = "Two drones attacked Ain al-Asad air base in Anbar province, near the town of al-Baghdadi."
    found = [(sentence[start:end], place.precision) for start, end, place in find_places(sentence,
                                                                                        country_hint="IRQ")]
    assert found == [("Ain al-Asad air base", "site"), ("Anbar province", "admin1"), ("al-Baghdadi", "city")]
    assert find_places("Police said The Guardian reported it.", country_hint="IRQ") == []


def test_a_small_namesake_abroad_is_no_answer_when_the_country_is_known():
    place = resolve_place("Shqiponja", country_hint="IRQ")
    assert place.lat is None and place.reason


def test_places_beyond_the_region():
    assert resolve_place("Kyrgyzstan").country == "KGZ"  # a country without a curated point: its capital
    assert resolve_place("East Belfast").name == "Belfast"
    helmand = resolve_place("Helmand Province")
    assert (helmand.country, helmand.admin1, helmand.precision) == ("AFG", "Helmand", "country")
    kandahar = resolve_place("Kandahar province")
    assert (kandahar.country, kandahar.precision) == ("AFG", "admin1") and kandahar.lat is not None
