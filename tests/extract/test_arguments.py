"""Arguments and flags that must survive real prose (issue 16): short texts through the whole extractor."""

from __future__ import annotations

import pytest

from tests.extract.conftest import runner


@pytest.fixture(scope="module")
def extract():
    return runner("2024-03-06")


def of_type(events, event_type):
    return [e for e in events if e.type == event_type]


def texts(parties):
    return [p.text for p in parties]


def test_no_group_claimed_is_one_negated_claim_and_no_attack_by_a_group(extract):
    events = extract("Gunmen attacked a police post in Kirkuk on Tuesday. No group has claimed responsibility "
                     "for the attack.")
    claims = of_type(events, "CLAIM")
    assert [(c.negated, texts(c.actors)) for c in claims] == [(True, [])]
    assert not any("group" in texts(e.actors) for e in events)


def test_a_group_that_has_not_claimed_an_attack_is_not_its_attacker(extract):
    events = extract("Islamic State has not claimed the attack.")
    assert [(e.type, e.negated, texts(e.actors)) for e in events] == [("CLAIM", True, ["Islamic State"])]


def test_us_with_full_stops_stays_one_word_and_names_the_attacker(extract):
    events = extract("A U.S. drone strike killed a senior commander of the militia in Baghdad on Thursday. "
                     "The U.S. military said the strike was in self-defence.")
    attack = of_type(events, "ASSAULT")[0]
    assert texts(attack.actors) == ["U.S."]
    assert attack.evidence.sentence.startswith("A U.S. drone strike killed")
