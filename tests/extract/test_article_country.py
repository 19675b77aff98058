"""Where an event happened when its sentence names no place: the dateline's country, unless the article's towns lie
clearly in another (a capital's dateline over a story from abroad); with no dateline, where the article's places
lie. The articles are our own words."""

from __future__ import annotations

import pytest

from tests.extract.conftest import runner


@pytest.fixture(scope="module")
def extract():
    return runner("2023-04-24")


def _country_of(events, type_: str) -> tuple[str | None, str | None]:
    found = [e for e in events if e.type == type_]
    assert found, [(e.type, e.evidence.sentence) for e in events]
    return found[-1].location.country, found[-1].location.reason


ABROAD = (
    "WASHINGTON, April 24 (Wire) - Fighting spread across Khartoum on Sunday as the army shelled positions in "
    "Omdurman and Bahri, residents said.\n\n"
    "Shells landed near the airport in Khartoum and a market in Omdurman was hit, witnesses said.\n\n"
    "Gunmen attacked a convoy carrying aid workers on Saturday, the aid group said.\n"
)


AT_HOME = (
    "BAGHDAD, Oct 24 (Wire) - Gunmen attacked a checkpoint on Tuesday, police said.\n\n"
    "Iraqi officials said they had raised the matter with Tehran and with Washington.\n"
)


NO_DATELINE = (
    "Kenyan police reinforced patrols in Mandera and Garissa after a week of raids near the Somali border.\n\n"
    "Gunmen attacked a bus on Monday, killing four passengers, police said.\n\n"
    "Schools in Mandera stayed closed on Tuesday.\n"
)


BACKGROUND_ABROAD = (
    "ALGIERS, May 15 (Wire) - Algerian authorities removed the concrete barriers outside the French embassy "
    "overnight, officials said.\n\n"
    "The step mirrored a decision by police in Paris to scale back the guard at Algeria's embassy in Paris.\n\n"
    "The ambassador was recalled to Paris in April, weeks after an official was arrested near Paris.\n\n"
    "Gunmen attacked a bus on Monday, killing four passengers, police said.\n"
)


@pytest.mark.parametrize("text, country, because", [
    (ABROAD, "SDN", "lie in most often"),  # a capital's dateline gives way to where the article's towns are
    (BACKGROUND_ABROAD, "DZA", "dateline"),  # towns abroad named only after the lead are the story's background
    (AT_HOME, "IRQ", "dateline"),  # a dateline stands against countries named as parties
    (NO_DATELINE, "KEN", "lie in most often"),  # without a dateline, the article's places give the country
], ids=["abroad", "background-abroad", "at-home", "no-dateline"])
def test_the_country_of_a_sentence_that_names_no_place(extract, text, country, because):
    found, reason = _country_of(extract(text), "ASSAULT")
    assert found == country and because in reason


def test_without_a_dateline_or_places_the_country_stays_unknown(extract):
    country, reason = _country_of(extract("Gunmen attacked a bus on Monday, killing four passengers.\n"), "ASSAULT")
    assert country is None


LEAD_ABROAD = (
    "WASHINGTON - US special forces flew diplomats out of Khartoum on Saturday as fighting between the army and "
    "a paramilitary force entered a second week.\n\n"
    "Britain evacuated its own diplomats on Sunday, the foreign office said.\n"
)

SPEAKING_CAPITAL = (
    "WASHINGTON - The State Department ordered non-emergency staff to leave the embassy in Niamey on Wednesday, "
    "a week after soldiers seized power.\n\n"
    "France began evacuating its citizens on Tuesday, with the first flights landing in Paris overnight.\n\n"
    "The junta has accused France of plotting an intervention, a charge Paris has denied.\n"
)


@pytest.mark.parametrize("text, type_, country", [
    (LEAD_ABROAD, "PROTECT", "SDN"),  # one town, but in the lead: the story is there, not in Washington
    (SPEAKING_CAPITAL, "ACCUSE", "NER"),  # "a charge Paris has denied" is France speaking, not a place of the story
], ids=["town-in-the-lead", "a-capital-that-speaks"])
def test_the_lead_says_where_a_story_from_abroad_is(extract, text, type_, country):
    found, reason = _country_of(extract(text), type_)
    assert found == country and "lie in most often" in reason


def test_a_world_city_is_not_a_small_namesake_in_the_datelines_country(extract):
    events = extract(SPEAKING_CAPITAL)
    evacuation = next(e for e in events if e.type == "PROTECT" and "France began" in e.evidence.sentence)
    assert (evacuation.location.name, evacuation.location.country) == ("Paris", "FRA")


@pytest.mark.parametrize("text, type_, country", [
    ("BAGHDAD - Supporters of the faction gathered outside the headquarters on Thursday and chanted slogans "
     "against the United States.\n", "PROTEST", "IRQ"),  # whom a crowd is against is not where it stands
    ("LONDON - The government has sent about 700 troops to Cyprus to help with any evacuation of British "
     "nationals, the defence secretary said on Friday.\n", "MOBILIZE", "CYP"),  # Cyprus, though read as a product
], ids=["against-a-country", "a-country-the-recogniser-mislabels"])
def test_a_country_named_as_a_place_and_only_then(extract, text, type_, country):
    assert _country_of(extract(text), type_)[0] == country


STORY_IN_MALI = (
    "DAKAR, Senegal - The United States on Tuesday ordered non-emergency embassy staff to leave Mali, as a fuel "
    "blockade by militants paralysed the capital, Bamako.\n\n"
    "France followed suit on Wednesday, advising its nationals to leave Mali as soon as possible.\n\n"
    "Queues at petrol stations in Bamako now stretch for kilometres.\n\n"
    "On Sunday, gunmen abducted two foreign nationals near Kenieba in the west of the country.\n"
)


def test_the_gazetteer_counts_the_places_the_recogniser_missed(extract):
    # the recogniser reads "Mali" and "Bamako" as no place or as an organisation; the gazetteer still knows them,
    # so a Dakar dateline gives way to Mali, and a village no one knows lies in Mali too
    events = extract(STORY_IN_MALI)
    advice = next(e for e in events if e.type == "ADVISORY" and "France" in e.evidence.sentence)
    kidnapping = next(e for e in events if e.type == "ASSAULT" and "abducted" in e.evidence.sentence)
    assert (advice.location.country, kidnapping.location.country) == ("MLI", "MLI")


def test_a_word_of_a_longer_name_is_no_town(extract):
    events = extract("WASHINGTON - US special forces flew diplomats out of Khartoum on Saturday as fighting between "
                     "the army and the Rapid Support Forces entered a second week.\n\n"
                     "Britain evacuated its own diplomats on Sunday, the foreign office said.\n")
    assert _country_of(events, "PROTECT")[0] == "SDN"  # "Rapid" is a town in the United States, not here
