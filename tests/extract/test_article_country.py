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


@pytest.mark.parametrize("text, country, because", [
    (ABROAD, "SDN", "lie in most often"),  # a capital's dateline gives way to where the article's towns are
    (AT_HOME, "IRQ", "dateline"),  # a dateline stands against countries named as parties
    (NO_DATELINE, "KEN", "lie in most often"),  # without a dateline, the article's places give the country
], ids=["abroad", "at-home", "no-dateline"])
def test_the_country_of_a_sentence_that_names_no_place(extract, text, country, because):
    found, reason = _country_of(extract(text), "ASSAULT")
    assert found == country and because in reason


def test_without_a_dateline_or_places_the_country_stays_unknown(extract):
    country, reason = _country_of(extract("Gunmen attacked a bus on Monday, killing four passengers.\n"), "ASSAULT")
    assert country is None
